using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Programs;
using MentorBot.Protocol.Connector;

namespace MentorBot.Features.Escalations;

/// <summary>Acknowledge and resolve on an alert card: coordinators only, one state change at a time, shown on the card in place.</summary>
public sealed class AlertActions : ICardActionHandler
{
    private readonly CoordinatorGuard _guard;
    private readonly AlertStore _alerts;
    private readonly ConnectorClient _connector;

    public AlertActions(CoordinatorGuard guard, AlertStore alerts, ConnectorClient connector)
    {
        _guard = guard;
        _alerts = alerts;
        _connector = connector;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [AlertCard.AcknowledgeVerb, AlertCard.ResolveVerb];

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        if (!await _guard.AllowAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var programId = action.Get("program");
        var alertId = action.Get("alert");
        var found = turn.TenantId is null || programId is null || alertId is null
            ? null
            : await _alerts.GetAsync(turn.TenantId, programId, alertId, cancellationToken).ConfigureAwait(false);
        if (found is not { } stored)
        {
            turn.Answer("I can't find that alert any more. Nothing was changed.");
            return;
        }

        var alert = stored.Alert;
        var who = turn.UserName ?? "a coordinator";
        EscalationAlert updated;
        if (action.Verb == AlertCard.AcknowledgeVerb)
        {
            if (alert.State != AlertState.Open)
            {
                turn.Answer($"This alert is already {alert.State.ToString().ToLowerInvariant()}. Nothing was changed.");
                return;
            }

            updated = alert with { State = AlertState.Acknowledged, AcknowledgedBy = who };
        }
        else
        {
            if (alert.State == AlertState.Resolved)
            {
                turn.Answer("This alert is already resolved. Nothing was changed.");
                return;
            }

            var note = action.Get(AlertCard.NoteInputId)?.Trim();
            updated = alert with
            {
                State = AlertState.Resolved,
                ResolvedBy = who,
                ResolutionNote = string.IsNullOrEmpty(note) ? null : note.Length > 1000 ? note[..1000] : note,
            };
        }

        await _alerts.UpdateAsync(updated, stored.ETag, cancellationToken).ConfigureAwait(false);
        var card = AlertCard.Create(updated);
        turn.ReplaceCard(card);
        if (turn.Activity.IsInvoke && updated.ServiceUrl is not null && updated.ConversationId is not null && updated.ActivityId is not null)
        {
            // The invoke's card reaches only the person who pressed; everyone else sees the change through the update.
            await _connector.UpdateAsync(updated.ServiceUrl, updated.ConversationId, updated.ActivityId, CardJson.ToMessage(card), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
