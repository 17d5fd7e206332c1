using MentorBot.Conversations;
using MentorBot.Conversations.Access;

namespace MentorBot.Features.Matching;

/// <summary>
/// "Save" on the profile questions, by the person themself: only someone on that cohort's roster (read from storage,
/// with their role there) can save, only for themself, and only keys of the fixed lists are kept. Saving again
/// replaces the earlier answers.
/// </summary>
public sealed class ProfileAnswerAction : ICardActionHandler
{
    private readonly CohortRosterStore _rosters;
    private readonly MatchProfileStore _profiles;
    private readonly TimeProvider _time;

    public ProfileAnswerAction(CohortRosterStore rosters, MatchProfileStore profiles, TimeProvider time)
    {
        _rosters = rosters;
        _profiles = profiles;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [ProfileQuestionsCard.SaveVerb];

    /// <summary>Anyone: the answer is saved only for the sender's own place on the cohort roster, read from storage.</summary>
    public Audience Audience => Audience.Anyone;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var entry = turn.TenantId is { } tenant && turn.UserId is { } userId && action.Get("program") is { } programId && action.Get("cohort") is { } cohortId
            ? (await _rosters.GetAsync(tenant, programId, cohortId, cancellationToken).ConfigureAwait(false)).People
                .FirstOrDefault(p => string.Equals(p.PersonId, userId, StringComparison.OrdinalIgnoreCase))
            : null;
        if (entry is null)
        {
            turn.Answer("These questions were for someone else, or that cohort no longer exists. Nothing was saved.");
            return;
        }

        var topics = Keys(action.Get(ProfileQuestionsCard.TopicsInput), SkillTopics.IsKnown);
        var answers = new ProfileAnswers(entry.PersonId, action.Get("cohort")!)
        {
            Wants = entry.Role == Pairs.PairRole.Mentee ? topics : [],
            Offers = entry.Role == Pairs.PairRole.Mentor ? topics : [],
            Background = Keys(action.Get(ProfileQuestionsCard.BackgroundInput), Backgrounds.IsKnown),
            AnsweredAt = _time.GetUtcNow(),
        };
        await _profiles.SaveAnswersAsync(turn.TenantId!, answers, cancellationToken).ConfigureAwait(false);
        Registration.CardReplies.ReplaceOrReply(turn, ProfileQuestionsCard.Saved(answers, entry.Role));
    }

    /// <summary>A multi-select arrives as "a,b,c"; anything not on the list is dropped, not stored.</summary>
    private static List<string> Keys(string? value, Func<string, bool> isKnown) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(isKnown).Distinct(StringComparer.Ordinal).ToList();
}
