using System.Globalization;
using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// Sends the check-in for one meeting: once to the pair chat, or once to each party's personal chat. Each card asks
/// its party about their own open requests; the pair chat's card only about requests that were not kept private.
/// </summary>
public sealed class CheckInSender
{
    private readonly ProactiveMessenger _messenger;
    private readonly ConversationReferenceStore _references;
    private readonly CheckInStore _answers;

    public CheckInSender(ProactiveMessenger messenger, ConversationReferenceStore references, CheckInStore answers)
    {
        _messenger = messenger;
        _references = references;
        _answers = answers;
    }

    /// <summary>How a card names the meeting: "on Monday 11 January".</summary>
    public static string When(DateTimeOffset meetingStart) => "on " + meetingStart.ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    public async Task SendAsync(Pair pair, MentorshipProgram program, string meetingKey, DateTimeOffset meetingStart, CancellationToken cancellationToken)
    {
        var when = When(meetingStart);
        var earlier = (await _answers.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false))
            .Where(a => a.MeetingKey != meetingKey).ToList();
        var open = new Dictionary<PairRole, IReadOnlyList<OpenRequest>>
        {
            [PairRole.Mentor] = OpenRequests.Of(pair.Mentor.Id, earlier),
            [PairRole.Mentee] = OpenRequests.Of(pair.Mentee.Id, earlier),
        };
        if (pair.PairChatConversationId is { } chatId
            && await _references.FindConversationAsync(chatId, cancellationToken).ConfigureAwait(false) is { } chat)
        {
            var shared = open.ToDictionary(e => e.Key, e => (IReadOnlyList<OpenRequest>)e.Value.Where(r => !r.KeptPrivate).ToList());
            var card = CheckInCard.Create(pair, meetingKey, when, null, [], shared);
            await _messenger.SendToConversationAsync(pair.TenantId, chat, $"checkin/{pair.PairId}/{meetingKey}/chat", CardJson.ToMessage(card), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            var person = pair.Party(role);
            var card = CheckInCard.Create(pair, meetingKey, when, person.Id, [], open);
            await _messenger.SendToPersonAsync(pair.TenantId, person.Id, $"checkin/{pair.PairId}/{meetingKey}/{role.ToString().ToLowerInvariant()}",
                CardJson.ToMessage(card), program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }
    }
}
