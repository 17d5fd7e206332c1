using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Escalations;

/// <summary>
/// An alert: which pair, why, when, its state, and what coordinators can do. It is posted in the coordinators channel,
/// which people other than the program's coordinators may read, so what was said (a private note, a rematch reason)
/// is only in the coordinators' own view of it, which their Teams clients fetch through the card's refresh.
/// </summary>
public static class AlertCard
{
    public const string ViewVerb = "alert.view";
    public const string AcknowledgeVerb = "alert.acknowledge";
    public const string ResolveVerb = "alert.resolve";
    public const string NoteInputId = "note";

    /// <summary>The Teams ids of the program's coordinators that user-specific views can go to (Teams allows 60).</summary>
    public static IReadOnlyList<string> Viewers(MentorshipProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.Coordinators.Select(c => c.TeamsId).OfType<string>().Distinct(StringComparer.Ordinal).Take(CardRefresh.MaxUserIds).ToList();
    }

    /// <summary>The card as the channel sees it (<paramref name="forCoordinator"/> false) or as a coordinator of the program does.</summary>
    public static AdaptiveCard Create(EscalationAlert alert, IReadOnlyList<string> viewers, bool forCoordinator = false)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(viewers);
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
            body.Add(forCoordinator
                ? new TextBlock(alert.Details) { IsSubtle = true }
                : new TextBlock("What was said is shown to the program's coordinators only.") { IsSubtle = true });
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
            // Whom to talk to is the coordinators' business too (for a rematch it would say who asked).
            foreach (var party in alert.Parties.Where(p => forCoordinator && !string.IsNullOrEmpty(p.Upn)))
            {
                actions.Add(new OpenUrlAction($"Chat with the {party.Role}",
                    new Uri($"https://teams.microsoft.com/l/chat/0/0?users={Uri.EscapeDataString(party.Upn!)}")));
            }
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = actions.Count == 0 ? null : actions,
            FallbackText = $"Alert: {alert.Reason}",
            Refresh = new CardRefresh(new ExecuteAction("Show", ViewVerb, new JsonObject { ["program"] = alert.ProgramId, ["alert"] = alert.AlertId }), viewers),
        };
    }

    private static string StateText(EscalationAlert alert) => alert.State switch
    {
        AlertState.Acknowledged => $"Acknowledged{(alert.AcknowledgedBy is { } by ? $" by {by}" : string.Empty)}",
        AlertState.Resolved => $"Resolved{(alert.ResolvedBy is { } by ? $" by {by}" : string.Empty)}",
        _ => "Open",
    };
}
