using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Lifecycle;

/// <summary>The redesign moments: entering Working ("what is our focus now?") and entering Transition (after the formal end).</summary>
public static class RedesignCard
{
    public const string FocusVerb = "lifecycle.focus";
    public const string TransitionVerb = "lifecycle.transition";
    public const string FocusInput = "focus";
    public const string ContinueInput = "continueInformally";
    public const string ConsolidateInput = "consolidate";
    public const string ConnectedInput = "stayConnected";

    public static AdaptiveCard Working(Pair pair) => new()
    {
        Body =
        [
            TextBlock.Heading("You're into the working phase"),
            new TextBlock($"{pair.Mentor.Name} and {pair.Mentee.Name}: you've found your feet. This is a good moment to redesign: what is our focus now?"),
            new TextInput { Id = FocusInput, Label = "Our focus now", IsMultiline = true, MaxLength = 500, IsRequired = true, ErrorMessage = "Please write your focus." },
        ],
        Actions = [new ExecuteAction("Save our focus", FocusVerb, Data(pair, PairStage.Working))],
        FallbackText = "What is our focus now?",
    };

    public static AdaptiveCard Transition(Pair pair) => new()
    {
        Body =
        [
            TextBlock.Heading("Approaching the end of the formal relationship"),
            new TextBlock($"You have until {pair.PlannedEnd:yyyy-MM-dd}. Plan what comes after, together; both of you see the answers."),
            new TextInput { Id = ContinueInput, Label = "Will the relationship continue informally? How?", IsMultiline = true, MaxLength = 500 },
            new TextInput { Id = ConsolidateInput, Label = $"What does {pair.Mentee.Name} need to consolidate independence?", IsMultiline = true, MaxLength = 500 },
            new TextInput { Id = ConnectedInput, Label = $"How will {pair.Mentor.Name} stay connected?", IsMultiline = true, MaxLength = 500 },
        ],
        Actions = [new ExecuteAction("Save our plan", TransitionVerb, Data(pair, PairStage.Transition))],
        FallbackText = "Planning the transition",
    };

    /// <summary>The answers, shown to both in place of the question card.</summary>
    public static AdaptiveCard Answered(string heading, IReadOnlyList<Fact> answers, string answeredBy) => new()
    {
        Body = [TextBlock.Heading(heading), new FactSet(answers), TextBlock.Subtle($"Saved by {answeredBy}.")],
        FallbackText = heading,
    };

    private static JsonObject Data(Pair pair, PairStage stage) => new() { ["program"] = pair.ProgramId, ["pair"] = pair.PairId, ["stage"] = stage.ToString() };
}
