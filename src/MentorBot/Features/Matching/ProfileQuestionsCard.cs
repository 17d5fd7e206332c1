using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Matching;

/// <summary>
/// A cohort's optional profile questions, asked once in the person's personal chat: topics (to develop, or to offer)
/// and backgrounds, from fixed lists, so nothing anyone writes ends up in a suggestion.
/// </summary>
public static class ProfileQuestionsCard
{
    public const string SaveVerb = "match.profile.save";
    public const string TopicsInput = "topics";
    public const string BackgroundInput = "background";

    public static AdaptiveCard Create(string programId, string programName, string cohortId, string cohortName, PairRole role) => new()
    {
        Body =
        [
            TextBlock.Heading("A few questions to find you a good match"),
            new TextBlock($"You're in {cohortName} ({programName}) as a {(role == PairRole.Mentor ? "mentor" : "mentee")}. Your coordinators use these answers to suggest matches. Both questions are optional."),
            new ChoiceSetInput(SkillTopics.All.Select(t => new Choice(Capitalised(t.Label), t.Key)).ToList())
            {
                Id = TopicsInput,
                Label = role == PairRole.Mentor ? "What could you help a mentee with?" : "What would you like to develop?",
                IsMultiSelect = true,
                Style = "expanded",
            },
            new ChoiceSetInput(Backgrounds.All.Select(b => new Choice(Capitalised(b.Label), b.Key)).ToList())
            {
                Id = BackgroundInput,
                Label = "Would you like to be matched with someone who shares any of these? (leave empty if you'd rather not say)",
                IsMultiSelect = true,
                Style = "expanded",
            },
            TextBlock.Subtle("Only your program's coordinators see your answers; \"my data\" shows them to you, and they are erased with your data."),
        ],
        Actions = [new ExecuteAction("Save", SaveVerb, new JsonObject { ["program"] = programId, ["cohort"] = cohortId })],
        FallbackText = "A few questions to find you a good match",
    };

    public static AdaptiveCard Saved(ProfileAnswers answers, PairRole role)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var topics = role == PairRole.Mentor ? answers.Offers : answers.Wants;
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading("Thanks: your answers are saved"),
                new FactSet(
                [
                    new Fact(role == PairRole.Mentor ? "You can help with" : "You'd like to develop", topics.Count == 0 ? "nothing chosen" : string.Join(", ", topics.Select(SkillTopics.Label))),
                    new Fact("Background", answers.Background.Count == 0 ? "not said" : string.Join(", ", answers.Background.Select(Backgrounds.Label))),
                ]),
                TextBlock.Subtle("Type \"my data\" to see everything stored about you."),
            ],
            FallbackText = "Your answers are saved",
        };
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
