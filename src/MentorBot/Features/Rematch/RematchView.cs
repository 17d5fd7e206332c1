using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Escalations;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// A rematch decision card's refresh: a coordinator of the program gets the view with who asked and why; the router
/// refuses anyone else, who keeps the channel's view.
/// </summary>
public sealed class RematchView : ICardActionHandler
{
    private readonly RematchRequestStore _requests;

    public RematchView(RematchRequestStore requests)
    {
        _requests = requests;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [RematchCoordinatorCard.ViewVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var program = ProgramSubject.ProgramOf(turn);
        var pair = ProgramSubject.PairIfAny(turn)?.Pair;
        var found = pair is not null && action.Get("request") is { } requestId
            ? await _requests.GetAsync(pair.TenantId, pair.PairId, requestId, cancellationToken).ConfigureAwait(false)
            : null;
        if (found is not { } stored || stored.Request.ProgramId != program.ProgramId)
        {
            turn.Answer("I can't find that rematch request any more.");
            return;
        }

        turn.ReplaceCard(RematchCoordinatorCard.Create(stored.Request, AlertCard.Viewers(program), forCoordinator: true));
    }
}
