using System.Text.Json;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Hosting;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// What happens to every authenticated activity: counted once (redeliveries are recognised), the sender and
/// conversation remembered for later, routed, state saved, and only then the replies sent.
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
    private readonly TurnReplySender _replies;

    public ActivityPipeline(InboundActivityLedger ledger, ConversationReferenceStore references, TurnRouter router, TurnReplySender replies)
    {
        _ledger = ledger;
        _references = references;
        _router = router;
        _replies = replies;
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
        try
        {
            await _references.RememberAsync(activity, cancellationToken).ConfigureAwait(false);
            await RouteWithRetriesAsync(turn, cancellationToken).ConfigureAwait(false);
            if (claim is not null)
            {
                var json = turn.InvokeResponse is null ? null : JsonSerializer.Serialize(turn.InvokeResponse, ProtocolJson.Options);
                await _ledger.CompleteAsync(claim, json, cancellationToken).ConfigureAwait(false);
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

        await _replies.SendAsync(turn, cancellationToken).ConfigureAwait(false);
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
