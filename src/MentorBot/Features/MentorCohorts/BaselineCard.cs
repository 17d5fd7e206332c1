using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.MentorCohorts;

/// <summary>Two questions when a pair starts, asked again in other words at closure, so the program can compare.</summary>
public static class BaselineCard
{
    public const string AnswerVerb = "baseline/answer";

    private static readonly IReadOnlyList<Choice> Scale =
    [
        new("5 — very much", "5"), new("4", "4"), new("3", "3"), new("2", "2"), new("1 — not at all", "1"),
    ];

    public static AdaptiveCard Create(Pair pair, PairRole role)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var person = pair.Party(role);
        var focus = string.IsNullOrWhiteSpace(pair.Focus) ? "the area your mentoring will focus on" : pair.Focus;
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading("Before you start: two quick questions"),
                TextBlock.Subtle("Your answers are private: your partner never sees them. The program compares them, in groups of at least 5 people, " +
                    "with the same questions at the end."),
                new ChoiceSetInput(Scale) { Id = "belonging", Label = "How much do you feel you belong in this organisation?", IsRequired = true, ErrorMessage = "Please choose one.", Style = "expanded" },
                new ChoiceSetInput(Scale) { Id = "confidence", Label = $"How confident are you in {focus}?", IsRequired = true, ErrorMessage = "Please choose one.", Style = "expanded" },
            ],
            Actions = [new ExecuteAction("Send", AnswerVerb, new JsonObject { ["program"] = pair.ProgramId, ["pair"] = pair.PairId, ["for"] = person.Id })],
            FallbackText = "Before you start: two quick questions",
        };
    }

    public static AdaptiveCard Thanks() => new()
    {
        Body = [TextBlock.Heading("Thank you"), new TextBlock("That's all. At the end of your mentorship I'll ask the same two questions.")],
        FallbackText = "Thank you",
    };
}
