namespace MentorBot.Features.MentorCohorts;

/// <summary>The tables of mentor cohorts (to be listed in <c>TableNames.All</c>; until then they are created on first use).</summary>
public static class MentorCohortTables
{
    /// <summary>Mentors' monthly accountability answers (partition: tenant and program; row: pair, mentor, month).</summary>
    public const string Accountability = "MentorAccountability";

    /// <summary>Each cohort's peer channel (partition: tenant and program; row: cohort).</summary>
    public const string CohortChannels = "MentorCohortChannels";

    /// <summary>Each party's baseline when the pair starts (partition: tenant and program; row: pair and role).</summary>
    public const string Baselines = "PairBaselines";
}
