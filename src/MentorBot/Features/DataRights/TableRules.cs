using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// The one place that knows, for every table, how a person's rows are found and whether they may be exported to
/// that person. A new table must get a rule here (a unit test checks every name in <see cref="TableNames.All"/>).
/// Erasure does not rely on these owners alone: any row whose keys or values hold one of the person's stored ids or
/// addresses, or the id of one of their pairs, as a whole (see <see cref="IdentifierMatch"/>), is removed. Such rows
/// are found through the row index (<see cref="RowIndex"/>), which every write keeps.
/// </summary>
public static class TableRules
{
    private static readonly TableRule[] Rules =
    [
        new(TableNames.InboundActivities, ExportPolicy.Never, "redelivery ledger (conversation id, activity id, status; no words; kept a day), beside it an invoke's first answer (may quote a person; kept 15 minutes for redelivery) and a turn's replies on their way (kept until sent)"),
        new(TableNames.InvokeAnswers, ExportPolicy.Never, "invoke answers given before they moved beside the ledger (may quote a person), kept 15 minutes for redelivery"),
        new(TableNames.ConversationReferences, ExportPolicy.OwnRows, "how to reach the person (partition \"user\", row = object id)")
        {
            Owner = e => e.PartitionKey == "user" ? TableRule.Key(e.RowKey) : null,
        },
        new(TableNames.DialogStates, ExportPolicy.OwnRows, "the person's unfinished conversation (row = object id)")
        {
            Owner = e => TableRule.Key(e.RowKey),
        },
        new(TableNames.SendLedger, ExportPolicy.Never, "send-once markers of the system"),
        new(TableNames.Programs, ExportPolicy.Never, "program configuration, coordinator data") { Erase = EraseMode.Scrub },
        new(TableNames.Alerts, ExportPolicy.Never, "coordinator alerts: may quote the partner's private words")
        {
            Pair = e => TableRule.Property(e, "PairId"),
        },
        new(TableNames.Pairs, ExportPolicy.PairShared, "the pair itself, known to both parties")
        {
            Pair = e => TableRule.Key(e.RowKey),
        },
        new(TableNames.PairMembers, ExportPolicy.OwnRows, "the pairs a person is in (partition tenant|person)")
        {
            Owner = e => TableRule.LastSegment(e.PartitionKey),
            Pair = e => TableRule.Key(e.RowKey),
        },
        new(TableNames.Cohorts, ExportPolicy.Never, "cohort configuration, coordinator data") { Erase = EraseMode.Scrub },
        new(TableNames.Outbox, ExportPolicy.OwnRows, "messages to a person (partition tenant|person) or a chat; the message is dropped once sent")
        {
            Owner = e => TableRule.LastSegment(e.PartitionKey),
        },
        new(TableNames.Jobs, ExportPolicy.Never, "background work of the system"),
        new(TableNames.Expectations, ExportPolicy.OwnRows, "each party's expectations answers; the partner's stay out")
        {
            Owner = e => TableRule.Property(e, "PersonId"),
            Pair = e => TableRule.LastSegment(e.PartitionKey),
        },
        new(TableNames.Agreements, ExportPolicy.PairShared, "the agreement both parties confirm")
        {
            Pair = e => TableRule.LastSegment(e.PartitionKey),
        },
        new(TableNames.Imports, ExportPolicy.Never, "a coordinator's CSV import ledger"),
        new(TableNames.CheckIns, ExportPolicy.OwnRows, "check-in answers: the partner's may be private")
        {
            Owner = e => TableRule.JsonProperty(e, "Answer", "PersonId"),
            Pair = e => TableRule.LastSegment(e.PartitionKey),
        },
        new(TableNames.Outcomes, ExportPolicy.OwnRows, "closing outcomes, private per party")
        {
            Owner = e => TableRule.JsonProperty(e, "Outcome", "PersonId"),
            Pair = e => TableRule.Property(e, "PairId"),
        },
        new(TableNames.Meetings, ExportPolicy.PairShared, "meetings of the pair, attended by both")
        {
            Pair = e => TableRule.LastSegment(e.PartitionKey),
        },
        new(TableNames.CalendarSync, ExportPolicy.Never, "calendar scan state (delta links) of the system")
        {
            Owner = e => TableRule.Property(e, "MentorId"),
        },
        new(TableNames.RematchRequests, ExportPolicy.OwnRows, "a rematch request belongs to its requester only")
        {
            Owner = e => TableRule.Property(e, "RequesterId"),
            Pair = e => TableRule.LastSegment(e.PartitionKey),
        },
        new(TableNames.RematchHistory, ExportPolicy.Never, "\"do not pair again\": would reveal who asked")
        {
            Pair = e => TableRule.Property(e, "PairId"),
        },
        new(TableNames.Lifecycle, ExportPolicy.OwnRoleRows, "reflections and end-or-continue answers, private per party")
        {
            Pair = e => TableRule.LastSegment(e.PartitionKey),
        },
        new(TableNames.MentorAccountability, ExportPolicy.OwnRows, "a mentor's monthly answers")
        {
            Owner = e => TableRule.JsonProperty(e, "Answer", "MentorId"),
            Pair = e => TableRule.JsonProperty(e, "Answer", "PairId"),
        },
        new(TableNames.MentorCohortChannels, ExportPolicy.Never, "peer cohort channels, configuration") { Erase = EraseMode.Scrub },
        new(TableNames.PairBaselines, ExportPolicy.OwnRows, "each party's baseline answers")
        {
            Owner = e => TableRule.JsonProperty(e, "Answer", "PersonId"),
            Pair = e => TableRule.JsonProperty(e, "Answer", "PairId"),
        },
        new(TableNames.ReportDownloads, ExportPolicy.Never, "short-lived downloads (a coordinator's report, an export)")
        {
            Owner = e => TableRule.Property(e, "OwnerId"),
        },
        new(TableNames.MatchProfiles, ExportPolicy.OwnRows, "a person's profile answers for matching and their cached work details (partition tenant|person)")
        {
            Owner = e => TableRule.Property(e, "PersonId"),
        },
        new(TableNames.CohortRosters, ExportPolicy.OwnRows, "who is on a cohort's roster for matching (row = object id)")
        {
            Owner = e => TableRule.Property(e, "PersonId"),
        },
        new(TableNames.MatchExclusions, ExportPolicy.Never, "\"do not match these two\": would tell one what the other asked"),
        new(TableNames.MatchProposals, ExportPolicy.Never, "a coordinator's proposed cohort matching, with fits for everyone in it"),
        new(TableNames.RowIndex, ExportPolicy.Never, "which rows name which id or address (keys only); an entry goes with its row"),
        new(TableNames.PacingMarkers, ExportPolicy.Never, "429 pauses of a tenant and of conversations, named by a digest of the conversation id"),
        new(TableNames.LiveInstances, ExportPolicy.Never, "a heartbeat row per running instance of the bot"),
    ];

    private static readonly Dictionary<string, TableRule> ByTable = Rules.ToDictionary(r => r.Table, StringComparer.Ordinal);

    public static IReadOnlyList<TableRule> All => Rules;

    public static TableRule? For(string table) => ByTable.GetValueOrDefault(table);

    /// <summary>The rule of every table the bot uses; throws naming a table that has none.</summary>
    public static IEnumerable<TableRule> ForAllTables() =>
        TableNames.All.Select(t => For(t) ?? throw new InvalidOperationException($"The table {t} has no data-rights rule in {nameof(TableRules)}."));
}
