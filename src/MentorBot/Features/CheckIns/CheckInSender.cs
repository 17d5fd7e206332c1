using System.Globalization;
using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.CheckIns;

/// <summary>Sends the check-in for one meeting: once to the pair chat, or once to each party's personal chat.</summary>
public sealed class CheckInSender
{
    private readonly ProactiveMessenger _messenger;
    private readonly ConversationReferenceStore _references;

    public CheckInSender(ProactiveMessenger messenger, ConversationReferenceStore references)
    {
        _messenger = messenger;
        _references = references;
    }

    public async Task SendAsync(Pair pair, MentorshipProgram program, string meetingKey, DateTimeOffset meetingStart, CancellationToken cancellationToken)
    {
        var when = "on " + meetingStart.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        if (pair.PairChatConversationId is { } chatId
            && await _references.FindConversationAsync(chatId, cancellationToken).ConfigureAwait(false) is { } chat)
        {
            var card = CheckInCard.Create(pair, meetingKey, when, null, []);
            await _messenger.SendToConversationAsync(pair.TenantId, chat, $"checkin/{pair.PairId}/{meetingKey}/chat", CardJson.ToMessage(card), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            var person = pair.Party(role);
            var card = CheckInCard.Create(pair, meetingKey, when, person.Id, []);
            await _messenger.SendToPersonAsync(pair.TenantId, person.Id, $"checkin/{pair.PairId}/{meetingKey}/{role.ToString().ToLowerInvariant()}",
                CardJson.ToMessage(card), program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }
    }
}
