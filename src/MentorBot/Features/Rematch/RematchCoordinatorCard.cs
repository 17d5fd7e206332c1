using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// The coordinators' view of a rematch request, posted in the alert's thread: who asked (coordinators only), why,
/// how urgently, and the decisions. Also the list of people who need a new match once the pair has ended.
/// </summary>
public static class RematchCoordinatorCard
{
    public const string KeepVerb = "rematch.keep";
    public const string EndVerb = "rematch.end";

    public static AdaptiveCard Create(RematchRequest request)
    {
        var body = new List<CardElement>
        {
            TextBlock.Heading("Rematch request: what next?"),
            new FactSet(
            [
                new Fact("Asked by", $"{request.RequesterName} ({request.RoleName})"),
                new Fact("Pair", request.PairDescription),
                new Fact("Reason", RematchReasons.CategoryText(request.Category)),
                new Fact("Urgency", RematchReasons.UrgencyText(request.Urgency)),
                new Fact("Asked on", request.RequestedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
                new Fact("State", Capitalised(RematchReasons.StateText(request))),
            ]),
        };
        if (!string.IsNullOrWhiteSpace(request.Details))
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
            if (!string.IsNullOrEmpty(request.RequesterUpn))
            {
                actions.Add(new OpenUrlAction($"Chat with the {request.RoleName}",
                    new Uri($"https://teams.microsoft.com/l/chat/0/0?users={Uri.EscapeDataString(request.RequesterUpn)}")));
            }
        }

        return new AdaptiveCard { Body = body, Actions = actions, FallbackText = $"Rematch request from {request.RequesterName}" };
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
