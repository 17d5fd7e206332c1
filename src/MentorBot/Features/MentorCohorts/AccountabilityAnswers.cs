using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.MentorCohorts;

/// <summary>A mentor answering the monthly accountability card: only the pair's mentor, once per month.</summary>
public sealed class AccountabilityAnswers : ICardActionHandler
{
    private readonly PairStore _pairs;
    private readonly AccountabilityStore _answers;
    private readonly TimeProvider _time;

    public AccountabilityAnswers(PairStore pairs, AccountabilityStore answers, TimeProvider time)
    {
        _pairs = pairs;
        _answers = answers;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [AccountabilityCard.AnswerVerb];

    public Audience Audience => Audience.PairParty;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var month = action.Get("month");
        var pair = ProgramSubject.PairOf(turn).Pair;
        if (turn.UserId is null || pair.RoleOf(turn.UserId) != PairRole.Mentor
            || !string.Equals(action.Get("for"), turn.UserId, StringComparison.OrdinalIgnoreCase))
        {
            turn.Answer("This card was sent to the pair's mentor, so only they can answer it. Nothing was recorded.");
            return;
        }

        // Checked before anything is stored: the month is a row key and is shown in reports and the digest.
        if (!CohortMonth.IsAskable(month, _time.GetUtcNow()))
        {
            turn.Answer("This card is for a month I can't take answers for any more. Nothing was recorded.");
            return;
        }

        if (!int.TryParse(action.Get("going"), out var going) || going is < 1 or > 5)
        {
            turn.Answer("Please say how the relationship is going. Nothing was recorded yet.");
            return;
        }

        var answer = new AccountabilityAnswer
        {
            TenantId = pair.TenantId,
            ProgramId = pair.ProgramId,
            CohortId = pair.CohortId,
            PairId = pair.PairId,
            MentorId = turn.UserId,
            Month = month!,
            HowItIsGoing = going,
            Challenge = Text(action.Get("challenge")),
            WhatWorked = Text(action.Get("worked")),
            LearningFromMentee = Text(action.Get("learning")),
            ShareAnonymously = action.Get("share") == "true",
            AnsweredAt = _time.GetUtcNow(),
        };
        if (!await _answers.TryAddAsync(answer, cancellationToken).ConfigureAwait(false))
        {
            turn.Answer("You already answered for this month. Nothing was changed.");
            return;
        }

        turn.ReplaceCard(AccountabilityCard.Thanks(answer));
    }

    private static string? Text(string? value) => value?.Trim() is { Length: > 0 } text ? (text.Length > 500 ? text[..500] : text) : null;
}
