using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Escalations;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Lifecycle;

/// <summary>"No action needed" on the midpoint card: coordinators only; resolves the midpoint alert once.</summary>
public sealed class MidpointNoAction : ICardActionHandler
{
    private readonly AlertStore _alerts;
    public MidpointNoAction(AlertStore alerts)
    {
        _alerts = alerts;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [MidpointFacilitationCard.NoActionVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {

        var program = ProgramSubject.ProgramOf(turn);
        var found = action.Get("alert") is { } alertId
            ? await _alerts.GetAsync(program.TenantId, program.ProgramId, alertId, cancellationToken).ConfigureAwait(false)
            : null;
        if (found is not { } stored || stored.Alert.Cause != MidpointCoordinator.AlertCause)
        {
            turn.Answer("I can't find that midpoint alert any more. Nothing was changed.");
            return;
        }

        if (stored.Alert.State == AlertState.Resolved)
        {
            turn.Answer("This midpoint alert is already resolved. Nothing was changed.");
            return;
        }

        var resolved = stored.Alert with { State = AlertState.Resolved, ResolvedBy = turn.UserName ?? "a coordinator", ResolutionNote = "No action needed." };
        await _alerts.UpdateAsync(resolved, stored.ETag, cancellationToken).ConfigureAwait(false);
        turn.Answer("Marked as needing no action; the midpoint alert is resolved.");
        if (resolved is { ServiceUrl: { } serviceUrl, ConversationId: { } conversationId, ActivityId: { } activityId })
        {
            // Everyone in the channel sees it resolved; the card's address was recorded when the alert was posted.
            turn.UpdateCardIn(serviceUrl, conversationId, activityId, AlertCard.Create(resolved, AlertCard.Viewers(program)));
        }
    }
}
