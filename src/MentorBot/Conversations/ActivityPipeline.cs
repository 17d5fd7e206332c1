using System.Text.Json;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Hosting;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// What happens to every authenticated activity: counted once (redeliveries are recognised), the sender and
/// conversation remembered for later, routed, state saved, the replies saved, and the answer returned. The replies
/// are sent afterwards by <see cref="TurnReplyDelivery"/>: no call to the channel, its 429s or its retries, ever delays
/// the HTTP answer, and a reply survives the instance dying before it was sent.
/// </summary>
public sealed class ActivityPipeline : IActivityProcessor
{
    private const int MaxAttempts = 3;

    private static readonly HashSet<string> RecordedTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate,
    };

    private readonly InboundActivityLedger _ledger;
    private readonly ConversationReferenceStore _references;
    private readonly TurnRouter _router;
    private readonly PendingReplyStore _pending;
    private readonly TurnReplyDelivery _queue;

    public ActivityPipeline(
        InboundActivityLedger ledger, ConversationReferenceStore references, TurnRouter router, PendingReplyStore pending, TurnReplyDelivery queue)
    {
        _ledger = ledger;
        _references = references;
        _router = router;
        _pending = pending;
        _queue = queue;
    }

    public async Task<InvokeResponse?> ProcessAsync(Activity activity, ChannelIdentity identity, CancellationToken cancellationToken)
    {
        if (!RecordedTypes.Contains(activity.Type!))
        {
            return null;
        }

        InboundClaim? claim = null;
        if (!string.IsNullOrEmpty(activity.Id) && !string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            claim = await _ledger.ClaimAsync(activity.Conversation.Id, activity.Id, cancellationToken).ConfigureAwait(false);
            if (claim.IsDuplicate)
            {
                return PreviousResponse(claim, activity);
            }
        }

        var turn = new Turn(activity, identity);
        PendingReplies? replies;
        try
        {
            await _references.RememberAsync(activity, cancellationToken).ConfigureAwait(false);
            using (TurnScope.Enter(turn))
            {
                await RouteWithRetriesAsync(turn, cancellationToken).ConfigureAwait(false);
            }

            // Kept in the same transaction that marks the turn handled: a crash after it leaves a row the next sweep sends.
            replies = PendingReplies.Of(turn);
            if (claim is not null)
            {
                var json = turn.InvokeResponse is null ? null : JsonSerializer.Serialize(turn.InvokeResponse, ProtocolJson.Options);
                await _ledger.CompleteAsync(claim, json, replies, cancellationToken).ConfigureAwait(false);
            }
            else if (replies is not null)
            {
                await _pending.SaveAsync(replies, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            if (claim is not null)
            {
                await _ledger.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        if (replies is not null)
        {
            _queue.Enqueue(replies);
        }

        return turn.InvokeResponse;
    }

    private async Task RouteWithRetriesAsync(Turn turn, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _router.RouteAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConcurrentUpdateException) when (attempt < MaxAttempts)
            {
                // Another instance changed the same state first: run the turn again on what it wrote.
                turn.Reset();
            }
        }
    }

    private static InvokeResponse? PreviousResponse(InboundClaim claim, Activity activity)
    {
        if (claim.PreviousInvokeResponseJson is { } json)
        {
            return JsonSerializer.Deserialize<InvokeResponse>(json, ProtocolJson.Options);
        }

        return activity.IsInvoke ? InvokeResponse.Message("Already done.") : null;
    }
}
