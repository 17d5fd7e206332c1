using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.MentorCohorts;

/// <summary>A party answering their baseline card: only the person it was sent to, once.</summary>
public sealed class BaselineAnswers : ICardActionHandler
{
    private readonly PairStore _pairs;
    private readonly BaselineStore _baselines;
    private readonly TimeProvider _time;

    public BaselineAnswers(PairStore pairs, BaselineStore baselines, TimeProvider time)
    {
        _pairs = pairs;
        _baselines = baselines;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [BaselineCard.AnswerVerb];

    public Audience Audience => Audience.PairParty;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var entry = ProgramSubject.PairOf(turn);
        var role = entry.Pair.RoleOf(turn.UserId!);
        if (role is null || !string.Equals(action.Get("for"), turn.UserId, StringComparison.OrdinalIgnoreCase))
        {
            turn.Answer("This card was sent to someone else, so only they can answer it. Nothing was recorded.");
            return;
        }

        if (!int.TryParse(action.Get("belonging"), out var belonging) || belonging is < 1 or > 5
            || !int.TryParse(action.Get("confidence"), out var confidence) || confidence is < 1 or > 5)
        {
            turn.Answer("Please answer both questions. Nothing was recorded yet.");
            return;
        }

        var pair = entry.Pair;
        var saved = await _baselines.TryAddAsync(new BaselineAnswer
        {
            TenantId = pair.TenantId,
            ProgramId = pair.ProgramId,
            CohortId = pair.CohortId,
            PairId = pair.PairId,
            PersonId = turn.UserId!,
            Role = role.Value.ToString().ToLowerInvariant(),
            SenseOfBelonging = belonging,
            FocusConfidence = confidence,
            AnsweredAt = _time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        if (!saved)
        {
            turn.Answer("You already answered these. Nothing was changed.");
            return;
        }

        turn.ReplaceCard(BaselineCard.Thanks());
    }
}
