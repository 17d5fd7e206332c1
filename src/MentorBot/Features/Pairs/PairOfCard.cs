using Azure;
using MentorBot.Conversations;

namespace MentorBot.Features.Pairs;

/// <summary>
/// The pair a card is about: its data names the program and the pair (<see cref="PairJobs.Data"/>'s keys), the turn
/// the tenant. Whether the person may act on it, and whether a closed pair still counts, is each card's own rule.
/// </summary>
public static class PairOfCard
{
    public static async Task<(Pair Pair, ETag ETag)?> FindAsync(PairStore pairs, Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        return turn.TenantId is { } tenant && action.Get("program") is { } programId && action.Get("pair") is { } pairId
            ? await pairs.GetAsync(tenant, programId, pairId, cancellationToken).ConfigureAwait(false)
            : null;
    }
}
