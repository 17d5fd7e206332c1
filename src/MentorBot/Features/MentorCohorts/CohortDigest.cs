namespace MentorBot.Features.MentorCohorts;

/// <summary>
/// Which answers a cohort's digest may show: only the month's answers whose author opted in to share, and only when
/// enough mentors shared and the cohort is large enough that no quote points at one mentor.
/// </summary>
public static class CohortDigest
{
    /// <summary>The fewest mentors sharing in a month for a digest, whatever the setting says.</summary>
    public const int FewestSharers = 3;

    /// <summary>The fewest mentors a cohort must have for its digest to be posted at all.</summary>
    public const int FewestCohortMentors = 5;

    public static IReadOnlyList<AccountabilityAnswer> Shared(IEnumerable<AccountabilityAnswer> answers, string cohortId, string month) =>
        answers.Where(a => a.ShareAnonymously && a.CohortId == cohortId && a.Month == month).ToList();

    /// <summary>Whether a digest of <paramref name="shared"/> may be posted in a cohort of <paramref name="cohortMentors"/> mentors.</summary>
    public static bool MayPost(IReadOnlyList<AccountabilityAnswer> shared, int cohortMentors, int minimumSharers)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var sharers = shared.Select(a => a.MentorId.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count();
        return sharers >= Math.Max(FewestSharers, minimumSharers) && cohortMentors >= FewestCohortMentors;
    }
}
