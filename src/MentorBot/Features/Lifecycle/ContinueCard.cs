using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Lifecycle;

/// <summary>For coordinators: both parties chose to continue; a coordinator can set a new planned end.</summary>
public static class ContinueCard
{
    public const string NewEndVerb = "lifecycle.newend";
    public const string DateInputId = "plannedEnd";

    public static AdaptiveCard Create(Pair pair) => new()
    {
        Body =
        [
            TextBlock.Heading("A pair chose to continue"),
            new TextBlock($"{pair.Description} both want to keep going (planned end {pair.PlannedEnd:yyyy-MM-dd}). You can set a new planned end."),
            new DateInput { Id = DateInputId, Label = "New planned end", IsRequired = true, ErrorMessage = "Please choose a date." },
        ],
        Actions = [new ExecuteAction("Set the new planned end", NewEndVerb, new JsonObject { ["program"] = pair.ProgramId, ["pair"] = pair.PairId })],
        FallbackText = "A pair chose to continue",
    };

    public static AdaptiveCard Done(Pair pair, string by) => new()
    {
        Body = [TextBlock.Heading("A pair chose to continue"), new TextBlock($"{pair.Description}: new planned end {pair.PlannedEnd:yyyy-MM-dd}, set by {by}.")],
        FallbackText = "New planned end set",
    };
}
