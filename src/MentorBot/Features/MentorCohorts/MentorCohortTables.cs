namespace MentorBot.Features.MentorCohorts;

/// <summary>The tables of mentor cohorts (to be listed in <c>TableNames.All</c>; until then they are created on first use).</summary>
public static class MentorCohortTables
{
    /// <summary>Mentors' monthly accountability answers (partition: tenant and program; row: pair, mentor, month).</summary>
    public const string Accountability = "MentorAccountability";
}
