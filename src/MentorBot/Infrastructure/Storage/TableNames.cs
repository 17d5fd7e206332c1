namespace MentorBot.Infrastructure.Storage;

/// <summary>Every table the bot uses, created at start-up. A feature adds its table here.</summary>
public static class TableNames
{
    public const string InboundActivities = "InboundActivities";
    public const string ConversationReferences = "ConversationReferences";
    public const string DialogStates = "DialogStates";
    public const string SendLedger = "SendLedger";
    public const string Programs = "Programs";
    public const string Alerts = "Alerts";
    public const string Pairs = "Pairs";
    public const string PairMembers = "PairMembers";
    public const string Cohorts = "Cohorts";
    public const string Outbox = "Outbox";
    public const string Jobs = "Jobs";
    public const string Expectations = "Expectations";
    public const string Agreements = "Agreements";
    public const string Imports = "Imports";
    public const string CheckIns = "CheckIns";
    public const string Outcomes = "Outcomes";
    public const string Meetings = "Meetings";
    public const string CalendarSync = "CalendarSync";
    public const string RematchRequests = "RematchRequests";
    public const string RematchHistory = "RematchHistory";
    public const string Lifecycle = "Lifecycle";
    public const string MentorAccountability = "MentorAccountability";
    public const string MentorCohortChannels = "MentorCohortChannels";
    public const string PairBaselines = "PairBaselines";
    public const string ReportDownloads = "ReportDownloads";
    /// <summary>Where invoke answers were kept before they moved beside the ledger; still read and emptied for stores upgraded.</summary>
    public const string InvokeAnswers = "InvokeAnswers";
    public const string MatchProfiles = "MatchProfiles";
    public const string CohortRosters = "CohortRosters";
    public const string MatchExclusions = "MatchExclusions";
    public const string MatchProposals = "MatchProposals";
    public const string RowIndex = "RowIndex";
    public const string PacingMarkers = "PacingMarkers";
    public const string LiveInstances = "LiveInstances";

    public static IReadOnlyList<string> All { get; } =
    [
        InboundActivities,
        ConversationReferences,
        DialogStates,
        SendLedger,
        Programs,
        Alerts,
        Pairs,
        PairMembers,
        Cohorts,
        Outbox,
        Jobs,
        Expectations,
        Agreements,
        Imports,
        CheckIns,
        Outcomes,
        Meetings,
        CalendarSync,
        RematchRequests,
        RematchHistory,
        Lifecycle,
        MentorAccountability,
        MentorCohortChannels,
        PairBaselines,
        ReportDownloads,
        InvokeAnswers,
        MatchProfiles,
        CohortRosters,
        MatchExclusions,
        MatchProposals,
        RowIndex,
        PacingMarkers,
        LiveInstances,
    ];
}
