using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Escalations;

/// <summary>Acknowledge and resolve on an alert card: coordinators only, one state change at a time, shown on the card in place.</summary>
public sealed class AlertActions : ICardActionHandler
{
    private readonly AlertStore _alerts;
    public AlertActions(AlertStore alerts)
    {
        _alerts = alerts;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [AlertCard.AcknowledgeVerb, AlertCard.ResolveVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {

        var program = ProgramSubject.ProgramOf(turn);
        var found = action.Get("alert") is not { } alertId
            ? null
            : await _alerts.GetAsync(program.TenantId, program.ProgramId, alertId, cancellationToken).ConfigureAwait(false);
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
        var viewers = AlertCard.Viewers(program);
        var card = AlertCard.Create(updated, viewers);
        turn.ReplaceCard(AlertCard.Create(updated, viewers, forCoordinator: true));
        if (turn.Activity.IsInvoke && updated.ServiceUrl is not null && updated.ConversationId is not null && updated.ActivityId is not null)
        {
            // The invoke's card reaches only the person who pressed; everyone else sees the change through the update.
            turn.UpdateCardIn(updated.ServiceUrl, updated.ConversationId, updated.ActivityId, card);
        }
    }
}
