using Azure;
using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Closure;
using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// The coordinators' decisions on a request: keep the pair (only the requester is told, privately) or end it and
/// rematch (both parties get the same neutral closure message, the two are never paired again, and the people who
/// need a new match are listed in the thread). Coordinators only; each decision once; a stale press changes nothing.
/// </summary>
public sealed class RematchDecisions : ICardActionHandler
{
    private readonly RematchRequestStore _requests;
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly PairClosure _closure;
    private readonly RematchHistory _history;
    private readonly RematchCoordinatorThread _thread;
    private readonly ProactiveMessenger _messenger;
    private readonly TimeProvider _time;

    public RematchDecisions(RematchRequestStore requests, PairStore pairs, ProgramStore programs, PairClosure closure,
        RematchHistory history, RematchCoordinatorThread thread, ProactiveMessenger messenger, TimeProvider time)
    {
        _requests = requests;
        _pairs = pairs;
        _programs = programs;
        _closure = closure;
        _history = history;
        _thread = thread;
        _messenger = messenger;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [RematchCoordinatorCard.KeepVerb, RematchCoordinatorCard.EndVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {

        var program = ProgramSubject.ProgramOf(turn);
        var pair = (turn.Subject as ProgramSubject)?.Pair;
        var requestId = action.Get("request");
        var found = pair is null || requestId is null
            ? null
            : await _requests.GetAsync(pair.TenantId, pair.PairId, requestId, cancellationToken).ConfigureAwait(false);
        if (found is not { } stored || pair is null || stored.Request.ProgramId != program.ProgramId)
        {
            turn.Answer("I can't find that rematch request any more. Nothing was changed.");
            return;
        }

        var who = turn.UserName ?? "a coordinator";
        if (action.Verb == RematchCoordinatorCard.KeepVerb)
        {
            await KeepAsync(turn, stored.Request, stored.ETag, pair, who, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await EndAsync(turn, stored.Request, stored.ETag, pair, program, who, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task KeepAsync(Turn turn, RematchRequest request, ETag etag, Pair pair, string who, CancellationToken cancellationToken)
    {
        if (!request.IsOpen)
        {
            if (request.State == RematchState.Kept)
            {
                // Sent once per key: this only delivers the requester's message if an earlier press was cut short.
                await TellRequesterAsync(turn, request, pair, cancellationToken).ConfigureAwait(false);
            }

            turn.Answer($"This request is already {RematchReasons.StateText(request)}. Nothing was changed.");
            return;
        }

        if (pair.IsClosed)
        {
            turn.Answer("This pairing has already ended, so there is nothing to keep. Nothing was changed.");
            return;
        }

        var kept = request with { State = RematchState.Kept, DecidedAt = _time.GetUtcNow(), DecidedBy = who };
        await _requests.UpdateAsync(kept, etag, cancellationToken).ConfigureAwait(false);

        await TellRequesterAsync(turn, kept, pair, cancellationToken).ConfigureAwait(false);
        await _thread.ShowOutcomeAsync(kept, RematchOutcome.Kept, cancellationToken).ConfigureAwait(false);
        ShowOnPressedCard(turn, kept);
    }

    /// <summary>Only the requester hears about a kept pair, in their personal chat; the partner was never part of this.</summary>
    private Task<Delivery> TellRequesterAsync(Turn turn, RematchRequest kept, Pair pair, CancellationToken cancellationToken) =>
        _messenger.SendToPersonAsync(kept.TenantId, kept.RequesterId, $"rematch/{kept.RequestId}/kept",
            CardJson.ToMessage(RematchRequestCard.Create(kept, pair.PartnerOf(kept.Role).Name)), turn.Activity.ServiceUrl, cancellationToken);

    private async Task EndAsync(Turn turn, RematchRequest request, ETag etag, Pair pair, MentorshipProgram program, string who,
        CancellationToken cancellationToken)
    {
        // A decision recorded by a press that was interrupted before the pair closed is finished, not refused.
        var unfinished = request.State == RematchState.Rematched && !pair.IsClosed;
        if (!request.IsOpen && !unfinished)
        {
            turn.Answer($"This request is already {RematchReasons.StateText(request)}. Nothing was changed.");
            return;
        }

        if (pair.IsClosed)
        {
            turn.Answer("This pairing has already ended, so there is nothing to end. Nothing was changed.");
            return;
        }

        var decided = request;
        if (request.IsOpen)
        {
            decided = request with { State = RematchState.Rematched, DecidedAt = _time.GetUtcNow(), DecidedBy = who };
            await _requests.UpdateAsync(decided, etag, cancellationToken).ConfigureAwait(false);
        }

        // Both parties get the same neutral message from closure, and nothing else.
        await _closure.CloseAsync(pair.TenantId, pair.ProgramId, pair.PairId, ClosureReason.Rematched, cancellationToken).ConfigureAwait(false);
        await _history.RecordDoNotPairAgainAsync(pair.TenantId, pair.Mentor.Id, pair.Mentee.Id, decided, who, cancellationToken).ConfigureAwait(false);

        await _thread.ShowOutcomeAsync(decided, RematchOutcome.Rematched, cancellationToken).ConfigureAwait(false);
        await CloseOtherRequestsAsync(decided, who, cancellationToken).ConfigureAwait(false);

        ShowOnPressedCard(turn, decided);
        turn.Reply(RematchCoordinatorCard.NeedsNewMatch(pair, program.Name));
    }

    /// <summary>The partner may have asked too: their request is settled by the same decision.</summary>
    private async Task CloseOtherRequestsAsync(RematchRequest decided, string who, CancellationToken cancellationToken)
    {
        foreach (var other in await _requests.ForPairAsync(decided.TenantId, decided.PairId, cancellationToken).ConfigureAwait(false))
        {
            if (!other.IsOpen || other.RequestId == decided.RequestId
                || await _requests.GetAsync(other.TenantId, other.PairId, other.RequestId, cancellationToken).ConfigureAwait(false) is not { } fresh)
            {
                continue;
            }

            var settled = fresh.Request with { State = RematchState.Rematched, DecidedAt = _time.GetUtcNow(), DecidedBy = who };
            await _requests.UpdateAsync(settled, fresh.ETag, cancellationToken).ConfigureAwait(false);
            await _thread.ShowOutcomeAsync(settled, RematchOutcome.Settled, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ShowOnPressedCard(Turn turn, RematchRequest request)
    {
        // The decision card is also updated for everyone by the thread; an invoke answers the presser in place.
        if (turn.Activity.IsInvoke)
        {
            turn.ReplaceCard(RematchCoordinatorCard.Create(request, AlertCard.Viewers(ProgramSubject.ProgramOf(turn)), forCoordinator: true));
        }
    }
}
