using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// A rematch request in the alert's thread, with the decisions. The coordinators channel may have readers who are not
/// the program's coordinators, so who asked, why and what they wrote are only in the coordinators' own view, which
/// their Teams clients fetch through the card's refresh (as for alerts). Also the list of people who need a new match
/// once the pair has ended.
/// </summary>
public static class RematchCoordinatorCard
{
    public const string ViewVerb = "rematch.view";
    public const string KeepVerb = "rematch.keep";
    public const string EndVerb = "rematch.end";

    /// <summary>The card as the channel sees it (<paramref name="forCoordinator"/> false) or as a coordinator of the program does.</summary>
    public static AdaptiveCard Create(RematchRequest request, IReadOnlyList<string> viewers, bool forCoordinator = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewers);
        var facts = new List<Fact>();
        if (forCoordinator)
        {
            facts.Add(new Fact("Asked by", $"{request.RequesterName} ({request.RoleName})"));
        }

        facts.Add(new Fact("Pair", request.PairDescription));
        if (forCoordinator)
        {
            facts.Add(new Fact("Reason", RematchReasons.CategoryText(request.Category)));
        }

        facts.Add(new Fact("Urgency", RematchReasons.UrgencyText(request.Urgency)));
        facts.Add(new Fact("Asked on", request.RequestedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        facts.Add(new Fact("State", Capitalised(RematchReasons.StateText(request))));
        var body = new List<CardElement> { TextBlock.Heading("Rematch request: what next?"), new FactSet(facts) };
        if (!forCoordinator)
        {
            body.Add(TextBlock.Subtle("Who asked, why and what they wrote are shown to the program's coordinators only."));
        }
        else if (!string.IsNullOrWhiteSpace(request.Details))
        {
            body.Add(new TextBlock($"They wrote: \"{request.Details}\""));
        }

        List<CardAction>? actions = null;
        if (request.IsOpen)
        {
            body.Add(TextBlock.Subtle(
                "Their partner has not been told. \"Keep the pair\" tells only the requester. \"End the pair and rematch\" sends both the same neutral message, and they won't be paired together again."));
            var data = new JsonObject { ["program"] = request.ProgramId, ["pair"] = request.PairId, ["request"] = request.RequestId };
            actions =
            [
                new ExecuteAction("Keep the pair", KeepVerb, data),
                new ExecuteAction("End the pair and rematch", EndVerb, data) { Style = "destructive" },
            ];
            if (forCoordinator && !string.IsNullOrEmpty(request.RequesterUpn))
            {
                actions.Add(new OpenUrlAction($"Chat with the {request.RoleName}",
                    new Uri($"https://teams.microsoft.com/l/chat/0/0?users={Uri.EscapeDataString(request.RequesterUpn)}")));
            }
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = actions,
            FallbackText = "Rematch request: what next?",
            Refresh = new CardRefresh(
                new ExecuteAction("Show", ViewVerb, new JsonObject { ["program"] = request.ProgramId, ["pair"] = request.PairId, ["request"] = request.RequestId }),
                viewers),
        };
    }

    /// <summary>Posted when the pair has ended: both people now need a new match.</summary>
    public static AdaptiveCard NeedsNewMatch(Pair pair, string programName)
    {
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading("Needs a new match"),
                new TextBlock($"The pairing of {pair.Description} in {programName} has ended. Both were sent the same neutral message."),
                new FactSet(
                [
                    new Fact(pair.Mentor.Name, "mentor"),
                    new Fact(pair.Mentee.Name, "mentee"),
                ]),
                TextBlock.Subtle("They won't be paired together again: registration refuses it."),
            ],
            FallbackText = $"Needs a new match: {pair.Mentor.Name} (mentor), {pair.Mentee.Name} (mentee)",
        };
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
