using Azure;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// The requester takes back an open request ("rematch withdraw" or the button on their confirmation). Only the
/// requester can; the coordinators' card and alert show it; nothing at all goes to the partner.
/// </summary>
public sealed class RematchWithdrawal : ICardActionHandler
{
    private readonly PairStore _pairs;
    private readonly RematchRequestStore _requests;
    private readonly RematchCoordinatorThread _thread;
    private readonly TimeProvider _time;

    public RematchWithdrawal(PairStore pairs, RematchRequestStore requests, RematchCoordinatorThread thread, TimeProvider time)
    {
        _pairs = pairs;
        _requests = requests;
        _thread = thread;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [RematchRequestCard.WithdrawVerb];

    public Audience Audience => Audience.Anyone;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        var intendedFor = action.Get("for");
        if (turn.UserId is null || (intendedFor is not null && !string.Equals(intendedFor, turn.UserId, StringComparison.OrdinalIgnoreCase)))
        {
            turn.Answer("This card was sent to someone else, so only they can use it. Nothing was changed.");
            return;
        }

        var pairId = action.Get("pair");
        var requestId = action.Get("request");
        var found = turn.TenantId is null || pairId is null || requestId is null
            ? null
            : await _requests.GetAsync(turn.TenantId, pairId, requestId, cancellationToken).ConfigureAwait(false);
        if (found is not { } stored || !string.Equals(stored.Request.RequesterId, turn.UserId, StringComparison.OrdinalIgnoreCase))
        {
            turn.Answer("I can't find that request any more. Nothing was changed.");
            return;
        }

        await WithdrawAsync(turn, stored.Request, stored.ETag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Withdraws the sender's open request; with several open, shows each so they can choose.</summary>
    public async Task WithdrawByCommandAsync(Turn turn, CancellationToken cancellationToken)
    {
        var userId = turn.UserId!;
        var open = new List<(RematchRequest Request, ETag ETag)>();
        foreach (var pair in await _pairs.ForPersonAsync(turn.TenantId!, userId, cancellationToken).ConfigureAwait(false))
        {
            foreach (var request in await _requests.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false))
            {
                if (request.IsOpen && string.Equals(request.RequesterId, userId, StringComparison.OrdinalIgnoreCase)
                    && await _requests.GetAsync(request.TenantId, request.PairId, request.RequestId, cancellationToken).ConfigureAwait(false) is { } fresh)
                {
                    open.Add(fresh);
                }
            }
        }

        switch (open.Count)
        {
            case 0:
                turn.Reply("You have no open request for a different match, so there is nothing to withdraw.");
                break;
            case 1:
                await WithdrawAsync(turn, open[0].Request, open[0].ETag, cancellationToken).ConfigureAwait(false);
                break;
            default:
                turn.Reply("You have more than one open request. Press \"Withdraw my request\" on the one you'd like to withdraw.");
                foreach (var (request, _) in open)
                {
                    turn.Reply(RematchRequestCard.Create(request, await PartnerNameAsync(request, cancellationToken).ConfigureAwait(false)));
                }

                break;
        }
    }

    private async Task WithdrawAsync(Turn turn, RematchRequest request, ETag etag, CancellationToken cancellationToken)
    {
        var partnerName = await PartnerNameAsync(request, cancellationToken).ConfigureAwait(false);
        if (!request.IsOpen)
        {
            turn.Answer($"This request is already {RematchReasons.StateText(request)}. Nothing was changed.");
            return;
        }

        var withdrawn = request with { State = RematchState.Withdrawn, DecidedAt = _time.GetUtcNow(), DecidedBy = request.RequesterName };
        await _requests.UpdateAsync(withdrawn, etag, cancellationToken).ConfigureAwait(false);
        await _thread.ShowOutcomeAsync(withdrawn, RematchOutcome.Withdrawn, cancellationToken).ConfigureAwait(false);

        var card = RematchRequestCard.Create(withdrawn, partnerName);
        if (turn.CardAction is not null)
        {
            turn.ReplaceCard(card);
        }
        else
        {
            turn.Reply(card);
        }
    }

    private async Task<string> PartnerNameAsync(RematchRequest request, CancellationToken cancellationToken)
    {
        var pair = (await _pairs.GetAsync(request.TenantId, request.ProgramId, request.PairId, cancellationToken).ConfigureAwait(false))?.Pair;
        return pair is null ? "your partner" : pair.PartnerOf(request.Role).Name;
    }
}
