using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;

namespace MentorBot.Features.Escalations;

/// <summary>An alert as coordinators see it: which pair, why, when, what was said, its state, and what they can do.</summary>
public static class AlertCard
{
    public const string AcknowledgeVerb = "alert.acknowledge";
    public const string ResolveVerb = "alert.resolve";
    public const string NoteInputId = "note";

    public static AdaptiveCard Create(EscalationAlert alert)
    {
        var body = new List<CardElement>
        {
            TextBlock.Heading($"Alert: {alert.Reason}"),
            new FactSet(
            [
                new Fact("Pair", alert.PairDescription ?? "—"),
                new Fact("Raised", alert.RaisedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
                new Fact("State", StateText(alert)),
            ]),
        };
        if (!string.IsNullOrWhiteSpace(alert.Details))
        {
            body.Add(new TextBlock(alert.Details) { IsSubtle = true });
        }

        if (alert.ResolutionNote is { Length: > 0 } note)
        {
            body.Add(new TextBlock($"Resolution: {note}"));
        }

        var actions = new List<CardAction>();
        if (alert.State != AlertState.Resolved)
        {
            var data = new JsonObject { ["program"] = alert.ProgramId, ["alert"] = alert.AlertId };
            if (alert.State == AlertState.Open)
            {
                actions.Add(new ExecuteAction("Acknowledge", AcknowledgeVerb, data));
            }

            body.Add(new TextInput { Id = NoteInputId, Label = "Resolution note", Placeholder = "What was done (visible to coordinators only)", MaxLength = 1000 });
            actions.Add(new ExecuteAction("Resolve", ResolveVerb, data));
            foreach (var party in alert.Parties.Where(p => !string.IsNullOrEmpty(p.Upn)))
            {
                actions.Add(new OpenUrlAction($"Chat with the {party.Role}",
                    new Uri($"https://teams.microsoft.com/l/chat/0/0?users={Uri.EscapeDataString(party.Upn!)}")));
            }
        }

        return new AdaptiveCard { Body = body, Actions = actions.Count == 0 ? null : actions, FallbackText = $"Alert: {alert.Reason}" };
    }

    private static string StateText(EscalationAlert alert) => alert.State switch
    {
        AlertState.Acknowledged => $"Acknowledged{(alert.AcknowledgedBy is { } by ? $" by {by}" : string.Empty)}",
        AlertState.Resolved => $"Resolved{(alert.ResolvedBy is { } by ? $" by {by}" : string.Empty)}",
        _ => "Open",
    };
}
