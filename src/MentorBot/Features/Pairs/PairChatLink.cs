using MentorBot.Conversations;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Pairs;

/// <summary>
/// When the bot is added to a group chat, the chat becomes the pair chat of every active pair of the person who
/// added it whose partner is also a member of that chat.
/// </summary>
public sealed class PairChatLink : IConversationUpdateHandler
{
    private readonly PairStore _pairs;
    private readonly ConnectorClient _connector;

    public PairChatLink(PairStore pairs, ConnectorClient connector)
    {
        _pairs = pairs;
        _connector = connector;
    }

    public async Task HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var botAdded = activity.MembersAdded?.Any(m => string.Equals(m.Id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase)) == true
            || (activity.Type == ActivityTypes.InstallationUpdate && activity.Action == "add");
        if (!botAdded || turn.ConversationType != ConversationTypes.GroupChat || turn.UserId is null || turn.TenantId is null
            || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return;
        }

        foreach (var pair in await _pairs.ForPersonAsync(turn.TenantId, turn.UserId, cancellationToken).ConfigureAwait(false))
        {
            var role = pair.RoleOf(turn.UserId);
            if (pair.IsClosed || role is null || pair.PairChatConversationId == turn.ConversationId)
            {
                continue;
            }

            if (!await IsMemberAsync(activity.ServiceUrl, turn.ConversationId, pair.PartnerOf(role.Value).Id, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var current = await _pairs.GetAsync(pair.TenantId, pair.ProgramId, pair.PairId, cancellationToken).ConfigureAwait(false);
            if (current is { } entry)
            {
                await _pairs.UpdateAsync(entry.Pair with { PairChatConversationId = turn.ConversationId }, entry.ETag, cancellationToken).ConfigureAwait(false);
                turn.Reply($"This is now the pair chat for {pair.Description}. I'll post your check-ins and shared cards here; anything private still comes to your personal chats.");
            }
        }
    }

    private async Task<bool> IsMemberAsync(string serviceUrl, string conversationId, string personId, CancellationToken cancellationToken)
    {
        try
        {
            await _connector.GetMemberAsync(serviceUrl, conversationId, personId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConnectorException ex) when (ex.IsPermanent)
        {
            return false;
        }
    }
}
