namespace MentorBot.Features.Matching;

/// <summary>The matching feature's tables (also listed in TableNames, so they are created at start-up).</summary>
public static class MatchingTables
{
    /// <summary>Per person (partition tenant|person): what the directory says about their work, and their profile answers.</summary>
    public const string Profiles = "MatchProfiles";

    /// <summary>Who is in a cohort as mentor or mentee before they are paired (partition tenant|program|cohort, row person).</summary>
    public const string Rosters = "CohortRosters";

    /// <summary>"Do not match these two", recorded by a coordinator when a party asked (partition tenant|first id).</summary>
    public const string Exclusions = "MatchExclusions";

    /// <summary>A coordinator's proposed cohort matching until confirmed (partition tenant|program, row proposal).</summary>
    public const string Proposals = "MatchProposals";
}
