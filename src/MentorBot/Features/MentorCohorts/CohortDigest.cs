namespace MentorBot.Features.MentorCohorts;

/// <summary>Which answers a cohort's digest may show: only the month's answers whose author opted in to share.</summary>
public static class CohortDigest
{
    public static IReadOnlyList<AccountabilityAnswer> Shared(IEnumerable<AccountabilityAnswer> answers, string cohortId, string month) =>
        answers.Where(a => a.ShareAnonymously && a.CohortId == cohortId && a.Month == month).ToList();
}
