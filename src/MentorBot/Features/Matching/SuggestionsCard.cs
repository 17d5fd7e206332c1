using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>
/// The coordinators' card with up to three mentors for one mentee, each with its reasons and a button that
/// registers the pair. Nothing happens until a coordinator presses one.
/// </summary>
public static class SuggestionsCard
{
    public const string ConfirmVerb = "match.suggestion.confirm";

    public static AdaptiveCard Create(MentorshipProgram program, string menteeId, string menteeName, string occasion, IReadOnlyList<Suggestion> suggestions)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(suggestions);
        var body = new List<CardElement>
        {
            TextBlock.Heading($"Suggested mentors for {menteeName}"),
            TextBlock.Subtle($"{occasion} Only mentors in {program.Name} with room are listed, never a previous partner or someone either asked not to be matched with."),
        };
        var actions = new List<CardAction>();
        for (var i = 0; i < suggestions.Count; i++)
        {
            var s = suggestions[i];
            body.Add(new Container(
            [
                new TextBlock($"{i + 1}. {s.MentorName}") { Weight = "Bolder" },
                new TextBlock(Capitalised(s.Fit.Explanation)),
                TextBlock.Subtle($"Fit {s.Fit.Score.ToString("0.##", CultureInfo.InvariantCulture)}"),
            ]) { Separator = true });
            actions.Add(new ExecuteAction($"Pair with {s.MentorName}", ConfirmVerb,
                new JsonObject { ["program"] = program.ProgramId, ["mentee"] = menteeId, ["mentor"] = s.MentorId }));
        }

        if (suggestions.Count == 0)
        {
            body.Add(new TextBlock("No mentor in the program has room and may be matched with them. Raise a mentor's capacity with \"settings MentorCapacity <n>\", or enrol more mentors."));
        }
        else
        {
            body.Add(TextBlock.Subtle("Pairing registers them as usual: both get the introduction and the expectations questions."));
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = actions.Count == 0 ? null : actions,
            FallbackText = $"Suggested mentors for {menteeName}: {string.Join(", ", suggestions.Select(s => s.MentorName))}",
        };
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
