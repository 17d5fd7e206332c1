using MentorBot.Conversations;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Pairs;

/// <summary>
/// A group chat is a pair's chat only while its members are exactly the two of them (and the bot): shared cards
/// (agreements, check-in summaries, redesign answers) go there. When the bot is added to a chat with anyone else, it
/// says why it keeps to personal chats; when someone else joins a linked chat, the link ends and both are told.
/// </summary>
public sealed class PairChatLink : IConversationUpdateHandler
{
    private readonly PairStore _pairs;
    private readonly ConnectorClient _connector;
    private readonly ProactiveMessenger _messenger;

    public PairChatLink(PairStore pairs, ConnectorClient connector, ProactiveMessenger messenger)
    {
        _pairs = pairs;
        _connector = connector;
        _messenger = messenger;
    }

    public async Task HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        if (turn.ConversationType != ConversationTypes.GroupChat || turn.UserId is null || turn.TenantId is null || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return;
        }

        var botAdded = activity.MembersAdded?.Any(m => activity.IsBot(m.Id)) == true
            || (activity.Type == ActivityTypes.InstallationUpdate && activity.Action == "add");
        if (botAdded)
        {
            await LinkAsync(turn, activity.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }
        else if (activity.MembersAdded?.Any(m => !activity.IsBot(m.Id)) == true)
        {
            await UnlinkAsync(turn, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LinkAsync(Turn turn, string serviceUrl, CancellationToken cancellationToken)
    {
        var pairs = (await _pairs.ForPersonAsync(turn.TenantId!, turn.UserId!, cancellationToken).ConfigureAwait(false))
            .Where(p => !p.IsClosed && p.PairChatConversationId != turn.ConversationId)
            .ToList();
        if (pairs.Count == 0)
        {
            return;
        }

        var people = await PeopleInChatAsync(turn, serviceUrl, cancellationToken).ConfigureAwait(false);
        foreach (var pair in pairs)
        {
            var partner = pair.PartnerOf(pair.RoleOf(turn.UserId!)!.Value);
            if (people is null || !people.Contains(partner.Id))
            {
                continue;
            }

            if (people.Count != 2)
            {
                turn.Reply($"This chat has {people.Count - 2} other {(people.Count == 3 ? "person" : "people")} in it besides {pair.Description}, " +
                    "so I won't post your pair's shared cards here. They keep coming to your personal chats with me. " +
                    "Add me to a chat with just the two of you to have them in one place.");
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

    private async Task UnlinkAsync(Turn turn, CancellationToken cancellationToken)
    {
        // Whoever adds someone to a pair chat is in it, so is one of the pair.
        foreach (var pair in await _pairs.ForPersonAsync(turn.TenantId!, turn.UserId!, cancellationToken).ConfigureAwait(false))
        {
            if (pair.PairChatConversationId != turn.ConversationId
                || await _pairs.GetAsync(pair.TenantId, pair.ProgramId, pair.PairId, cancellationToken).ConfigureAwait(false) is not { } entry)
            {
                continue;
            }

            await _pairs.UpdateAsync(entry.Pair with { PairChatConversationId = null }, entry.ETag, cancellationToken).ConfigureAwait(false);
            var note = $"Someone else joined the group chat you had with {{0}}, so it is no longer your pair chat: your shared cards come to this personal chat from now on.";
            foreach (var (person, partner) in new[] { (pair.Mentor, pair.Mentee), (pair.Mentee, pair.Mentor) })
            {
                await _messenger.SendToPersonAsync(pair.TenantId, person.Id, $"pairchat-left/{pair.PairId}/{turn.Activity.Id}",
                    Activity.CreateMessage(string.Format(System.Globalization.CultureInfo.InvariantCulture, note, partner.Name)), turn.Activity.ServiceUrl,
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The Entra ids of the people in the chat (never the bot), or null when Teams did not say.</summary>
    private async Task<HashSet<string>?> PeopleInChatAsync(Turn turn, string serviceUrl, CancellationToken cancellationToken)
    {
        try
        {
            var members = await _connector.GetMembersAsync(serviceUrl, turn.ConversationId, cancellationToken).ConfigureAwait(false);
            return members.Where(m => !turn.Activity.IsBot(m.Id))
                .Select(m => m.EntraObjectId ?? m.Id ?? string.Empty)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (ConnectorException ex) when (ex.IsPermanent)
        {
            return null;
        }
    }

}
