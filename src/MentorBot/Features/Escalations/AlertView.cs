using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Escalations;

/// <summary>
/// An alert card's refresh: a coordinator of the program gets the view with what was said; the router refuses anyone
/// else, who keeps the channel's view.
/// </summary>
public sealed class AlertView : ICardActionHandler
{
    private readonly AlertStore _alerts;

    public AlertView(AlertStore alerts)
    {
        _alerts = alerts;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [AlertCard.ViewVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var program = ProgramSubject.ProgramOf(turn);
        var found = action.Get("alert") is { } alertId
            ? await _alerts.GetAsync(program.TenantId, program.ProgramId, alertId, cancellationToken).ConfigureAwait(false)
            : null;
        if (found is not { } stored)
        {
            turn.Answer("I can't find that alert any more.");
            return;
        }

        turn.ReplaceCard(AlertCard.Create(stored.Alert, AlertCard.Viewers(program), forCoordinator: true));
    }
}
