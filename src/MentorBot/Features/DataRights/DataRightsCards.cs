using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;

namespace MentorBot.Features.DataRights;

/// <summary>The cards of data rights: the export link, and the erase confirmation and its outcome.</summary>
public static class DataRightsCards
{
    public const string EraseVerb = "dataRights.erase";

    /// <summary>The link to a person's own data: it works only for them, after signing in, and briefly.</summary>
    public static AdaptiveCard MyData(string fileName, Uri link, TimeSpan lifetime, IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading("Your data"),
                new TextBlock($"{fileName} holds everything MentorBot stores about you, by table. The link works for the next " +
                    $"{lifetime.TotalMinutes:0} minutes, and only for you: you will be asked to sign in with your work account."),
                Counts(counts),
            ],
            Actions = [new OpenUrlAction("Download my data", link)],
            FallbackText = "Your data",
        };
    }

    /// <summary>Asks a coordinator to confirm erasing a person, naming them and what will be removed.</summary>
    public static AdaptiveCard ConfirmErase(string programId, string requestId, string personId, string personName, IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"Erase {personName}?"),
                new TextBlock($"Every row that names {personName} will be removed from MentorBot, including the pairs they were in " +
                    "and everything recorded for those pairs. This cannot be undone."),
                Counts(counts),
            ],
            Actions =
            [
                new ExecuteAction($"Erase {personName}", EraseVerb, new JsonObject
                {
                    ["program"] = programId,
                    ["request"] = requestId,
                    ["person"] = personId,
                    ["name"] = personName,
                }) { Style = "destructive" },
            ],
            FallbackText = $"Erase {personName}?",
        };
    }

    /// <summary>Replaces the confirmation once the person is erased.</summary>
    public static AdaptiveCard Erased(string personName, string coordinatorName, IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"{personName} was erased"),
                new TextBlock($"Erased by {coordinatorName}. Removed:"),
                Counts(counts),
            ],
            FallbackText = $"{personName} was erased",
        };
    }

    private static CardElement Counts(IReadOnlyDictionary<string, int> counts) => counts.Count == 0
        ? new TextBlock("Nothing is stored.")
        : new FactSet(counts.Select(c => new Fact(c.Key, c.Value.ToString(CultureInfo.InvariantCulture))).ToList());
}
