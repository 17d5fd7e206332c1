using MentorBot.Infrastructure.Jobs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// What one turn sends once its state is saved: card updates (with the id of the message they replace) first, then
/// replies, in order, to the conversation the activity came from; then updates of the bot's cards in other
/// conversations; then the turn's follow-up jobs. <see cref="Sent"/> counts the messages and follow-ups already done.
/// </summary>
public sealed record PendingReplies(string Key, string ServiceUrl, string ConversationId, IReadOnlyList<PendingMessage> Messages)
{
    public int Sent { get; init; }

    public IReadOnlyList<Job> FollowUps { get; init; } = [];

    /// <summary>Taken over from where replies were kept before they moved beside the ledger (<see cref="PendingReplyStore.PartitionBefore"/>).</summary>
    public bool SavedBefore { get; init; }

    /// <summary>Messages and follow-ups together: what <see cref="Sent"/> counts towards.</summary>
    public int Steps => Messages.Count + FollowUps.Count;

    /// <summary>The turn's replies and card updates, addressed to the sender of <paramref name="incoming"/>; null when there are none.</summary>
    public static PendingReplies? Of(Turn turn)
    {
        var incoming = turn.Activity;
        if (string.IsNullOrEmpty(incoming.ServiceUrl) || string.IsNullOrEmpty(incoming.Conversation?.Id)
            || (turn.Replies.Count == 0 && turn.CardUpdates.Count == 0 && turn.UpdatesElsewhere.Count == 0 && turn.FollowUps.Count == 0))
        {
            return null;
        }

        var messages = new List<PendingMessage>();
        foreach (var (activityId, card) in turn.CardUpdates)
        {
            messages.Add(new PendingMessage(activityId, Address(Cards.CardJson.ToMessage(card), incoming)));
        }

        foreach (var reply in turn.Replies)
        {
            messages.Add(new PendingMessage(null, Address(reply, incoming)));
        }

        // After the sender's own: the others' cards carry their own address, in the turn's tenant (a turn acts only on its
        // own tenant's records), so the pacer counts them in that tenant's budget.
        foreach (var update in turn.UpdatesElsewhere)
        {
            update.Activity.Conversation!.TenantId ??= incoming.TenantId;
            messages.Add(update);
        }

        // The activity id makes the key deterministic: a turn run again writes over its own row instead of adding one.
        var key = incoming.Conversation.Id + "|" + (string.IsNullOrEmpty(incoming.Id) ? Guid.NewGuid().ToString("N") : incoming.Id);
        return new PendingReplies(key, incoming.ServiceUrl, incoming.Conversation.Id, messages) { FollowUps = turn.FollowUps.ToList() };
    }

    private static Activity Address(Activity reply, Activity incoming)
    {
        // The tenant goes along so the pacer counts (and a 429 pauses) the reply in its own tenant's budget.
        reply.Conversation = new ConversationAccount { Id = incoming.Conversation!.Id, TenantId = incoming.TenantId };
        reply.From = incoming.Recipient;
        reply.Recipient = incoming.From;
        reply.ChannelId = incoming.ChannelId;
        reply.ServiceUrl = incoming.ServiceUrl;
        return reply;
    }
}

/// <summary>
/// One message of a turn: a new reply, or the replacement of the bot's message <see cref="ReplacesActivityId"/>. It is
/// sent to the conversation and service URL set on <see cref="Activity"/>.
/// </summary>
public sealed record PendingMessage(string? ReplacesActivityId, Activity Activity);
