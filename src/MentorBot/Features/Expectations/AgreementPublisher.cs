using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Expectations;

/// <summary>
/// Keeps a pair's agreement in step with both sides' answers and shows it to them: in the pair chat when there is
/// one, otherwise in each personal chat. Every message has a deterministic key, so a retried turn or job never sends
/// a card twice; the cards of a version are updated in place when it is confirmed or replaced.
/// </summary>
public sealed class AgreementPublisher
{
    private const string InPairChat = "in your pair chat";
    private const string InPersonalChats = "in your personal chats with me";

    private readonly ExpectationsStore _answers;
    private readonly AgreementStore _agreements;
    private readonly PairStore _pairs;
    private readonly ProactiveMessenger _messenger;
    private readonly ConversationReferenceStore _references;
    private readonly TimeProvider _time;

    public AgreementPublisher(
        ExpectationsStore answers,
        AgreementStore agreements,
        PairStore pairs,
        ProactiveMessenger messenger,
        ConversationReferenceStore references,
        TimeProvider time)
    {
        _answers = answers;
        _agreements = agreements;
        _pairs = pairs;
        _messenger = messenger;
        _references = references;
        _time = time;
    }

    /// <summary>
    /// The current agreement, made anew from both sides' answers when they changed since (a new version that both
    /// must confirm again). Null while one side has not answered yet.
    /// </summary>
    public async Task<AgreementDraft?> UpdateFromAnswersAsync(Pair pair, PairRole answeredBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var key = PairKey.Of(pair);
        var (mentor, mentee) = await _answers.BothAsync(key, cancellationToken).ConfigureAwait(false);
        if (mentor is null || mentee is null)
        {
            return null;
        }

        var current = await _agreements.CurrentAsync(key, cancellationToken).ConfigureAwait(false);
        if (current is { } same && same.Agreement.IsBasedOn(mentor, mentee))
        {
            return new AgreementDraft(same.Agreement, IsNew: false);
        }

        var next = new ExpectationsAgreement
        {
            TenantId = pair.TenantId,
            ProgramId = pair.ProgramId,
            PairId = pair.PairId,
            Version = (current?.Agreement.Version ?? 0) + 1,
            MentorName = pair.Mentor.Name,
            MenteeName = pair.Mentee.Name,
            Mentor = mentor,
            Mentee = mentee,
            Differences = MisalignmentRules.Find(mentor, mentee, pair.Mentor.Name, pair.Mentee.Name),
            RevisedBy = current is null ? null : answeredBy,
            CreatedAt = _time.GetUtcNow(),
        };
        await _agreements.AddVersionAsync(next, current, cancellationToken).ConfigureAwait(false);
        return new AgreementDraft(next, IsNew: true) { Replaced = current?.Agreement };
    }

    /// <summary>Where a version's card goes (for the reply: "in your pair chat"), as <see cref="ShareAsync"/> decides it.</summary>
    public async Task<string> WhereAsync(Pair pair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return await PairChatAsync(pair, cancellationToken).ConfigureAwait(false) is null ? InPersonalChats : InPairChat;
    }

    /// <summary>Sends a version's card to the pair; returns where it went, for the reply ("in your pair chat").</summary>
    public async Task<string> ShareAsync(Pair pair, ExpectationsAgreement agreement, string? fallbackServiceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(agreement);
        var (where, posts) = await SendToPairAsync(pair, KeyOf(agreement), () => AgreementCard.Create(agreement, isCurrent: true), fallbackServiceUrl, cancellationToken)
            .ConfigureAwait(false);
        await _agreements.AddPostsAsync(PairKey.Of(agreement), agreement.Version, posts, cancellationToken).ConfigureAwait(false);
        return where;
    }

    /// <summary>
    /// Once both confirmed: a pair still at Expectations moves to Initial, and both are told. Safe to run again (a
    /// retried turn, or a second press that finds the work half done).
    /// </summary>
    public async Task FinishIfConfirmedAsync(ExpectationsAgreement agreement, string? fallbackServiceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (!agreement.IsConfirmed)
        {
            return;
        }

        var found = await _pairs.GetAsync(agreement.TenantId, agreement.ProgramId, agreement.PairId, cancellationToken).ConfigureAwait(false);
        if (found is not { } entry || entry.Pair.IsClosed)
        {
            return;
        }

        var pair = entry.Pair;
        if (pair.Stage is PairStage.Created or PairStage.Expectations)
        {
            pair = pair with { Stage = PairStage.Initial };
            await _pairs.UpdateAsync(pair, entry.ETag, cancellationToken).ConfigureAwait(false);
        }

        var history = await _agreements.HistoryAsync(PairKey.Of(agreement), cancellationToken).ConfigureAwait(false);
        var firstAgreement = !history.Any(v => v.Version < agreement.Version && v.IsConfirmed);
        await SendToPairAsync(pair, KeyOf(agreement) + "/confirmed", () => AgreementConfirmedCard.Create(agreement, firstAgreement), fallbackServiceUrl, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Shows a version's new state on every card of it that was posted, after the turn's answer (a cosmetic update).</summary>
    public static void RefreshCards(Turn turn, ExpectationsAgreement agreement, bool isCurrent, string? exceptActivityId)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(agreement);
        foreach (var post in agreement.Posts.Where(p => p.ActivityId != exceptActivityId))
        {
            turn.UpdateCardIn(post.ServiceUrl, post.ConversationId, post.ActivityId, AgreementCard.Create(agreement, isCurrent));
        }
    }

    private async Task<(string Where, List<CardPost> Posts)> SendToPairAsync(
        Pair pair, string keyPrefix, Func<AdaptiveCard> card, string? fallbackServiceUrl, CancellationToken cancellationToken)
    {
        var posts = new List<CardPost>();
        if (await PairChatAsync(pair, cancellationToken).ConfigureAwait(false) is { } chat)
        {
            var delivery = await _messenger.SendToConversationAsync(pair.TenantId, chat, keyPrefix + "/chat", CardJson.ToMessage(card()), cancellationToken)
                .ConfigureAwait(false);
            if (delivery is { Outcome: DeliveryOutcome.Sent, ActivityId: { } chatActivity })
            {
                posts.Add(new CardPost("chat", chat.ServiceUrl, delivery.ConversationId ?? chat.ConversationId, chatActivity));
            }

            return (InPairChat, posts);
        }

        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            var person = pair.Party(role);
            var where = role.ToString().ToLowerInvariant();
            var delivery = await _messenger.SendToPersonAsync(pair.TenantId, person.Id, $"{keyPrefix}/{where}", CardJson.ToMessage(card()), fallbackServiceUrl, cancellationToken)
                .ConfigureAwait(false);
            if (delivery is { Outcome: DeliveryOutcome.Sent, ConversationId: { } conversation, ActivityId: { } activity })
            {
                var serviceUrl = (await _references.FindUserAsync(person.Id, cancellationToken).ConfigureAwait(false))?.ServiceUrl
                    ?? fallbackServiceUrl ?? ProactiveMessenger.DefaultServiceUrl;
                posts.Add(new CardPost(where, serviceUrl, conversation, activity));
            }
        }

        return (InPersonalChats, posts);
    }

    private async Task<ConversationReference?> PairChatAsync(Pair pair, CancellationToken cancellationToken) =>
        pair.PairChatConversationId is { } chatId ? await _references.FindConversationAsync(chatId, cancellationToken).ConfigureAwait(false) : null;

    private static string KeyOf(ExpectationsAgreement agreement) => $"expectations/{agreement.PairId}/agreement/v{agreement.Version}";
}

/// <summary>The current agreement, and whether it was just made.</summary>
public sealed record AgreementDraft(ExpectationsAgreement Agreement, bool IsNew)
{
    /// <summary>The version this one replaced, whose cards must now show that they are out of date.</summary>
    public ExpectationsAgreement? Replaced { get; init; }
}
