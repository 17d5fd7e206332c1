using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// Tells the partner about an answer given in a personal chat: in the pair chat when there is one, else in the
/// partner's personal chat. Once per answer (the outbox key), so a redelivered or repeated press sends nothing twice.
/// </summary>
public sealed class CheckInPartnerNotice
{
    private readonly ProactiveMessenger _messenger;
    private readonly ConversationReferenceStore _references;

    public CheckInPartnerNotice(ProactiveMessenger messenger, ConversationReferenceStore references)
    {
        _messenger = messenger;
        _references = references;
    }

    public async Task SendAsync(Pair pair, MentorshipProgram program, CheckInAnswer answer, DateTimeOffset meetingStart, CancellationToken cancellationToken)
    {
        var role = pair.RoleOf(answer.PersonId)!.Value;
        var key = $"checkin-partner/{pair.PairId}/{answer.MeetingKey}/{answer.Role}";
        var message = CardJson.ToMessage(CheckInPartnerCard.Create(pair, answer, CheckInSender.When(meetingStart)));
        if (pair.PairChatConversationId is { } chatId
            && await _references.FindConversationAsync(chatId, cancellationToken).ConfigureAwait(false) is { } chat)
        {
            await _messenger.SendToConversationAsync(pair.TenantId, chat, key, message, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _messenger.SendToPersonAsync(pair.TenantId, pair.PartnerOf(role).Id, key, message, program.Channel.ServiceUrl, cancellationToken)
            .ConfigureAwait(false);
    }
}
