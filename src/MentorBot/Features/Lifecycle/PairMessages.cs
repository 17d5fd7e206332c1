using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Lifecycle;

/// <summary>Shared messages for a pair: to their pair chat when the bot is in one, otherwise to each party; once per key.</summary>
public sealed class PairMessages
{
    private readonly ProactiveMessenger _messenger;
    private readonly ConversationReferenceStore _references;

    public PairMessages(ProactiveMessenger messenger, ConversationReferenceStore references)
    {
        _messenger = messenger;
        _references = references;
    }

    /// <summary>
    /// Reverse mentorship at a phase change: the mentor gets this month's accountability card, which asks what they
    /// are learning from their mentee. Its key is the monthly one, so a mentor who already has it this month gets nothing new.
    /// </summary>
    public Task AskMentorWhatTheyLearnAsync(Pair pair, MentorshipProgram program, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = MentorCohorts.CohortMonth.Key(now);
        return _messenger.SendToPersonAsync(pair.TenantId, pair.Mentor.Id, $"accountability/{pair.PairId}/{month}",
            CardJson.ToMessage(MentorCohorts.AccountabilityCard.Create(pair, month)), program.Channel.ServiceUrl, cancellationToken);
    }

    public async Task SendToPairAsync(Pair pair, MentorshipProgram program, string key, AdaptiveCard card, CancellationToken cancellationToken)
    {
        if (pair.PairChatConversationId is { } chatId
            && await _references.FindConversationAsync(chatId, cancellationToken).ConfigureAwait(false) is { } chat)
        {
            await _messenger.SendToConversationAsync(pair.TenantId, chat, key + "/chat", CardJson.ToMessage(card), cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            await _messenger.SendToPersonAsync(pair.TenantId, pair.Party(role).Id, $"{key}/{role.ToString().ToLowerInvariant()}",
                CardJson.ToMessage(card), program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }
    }
}
