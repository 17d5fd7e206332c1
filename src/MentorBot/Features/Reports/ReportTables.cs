namespace MentorBot.Features.Reports;

/// <summary>The tables of reports (to be listed in <c>TableNames.All</c>; until then they are created on first use).</summary>
public static class ReportTables
{
    /// <summary>Short-lived downloads (partition: "download"; row: SHA-256 of the link's token, never the token itself).</summary>
    public const string Downloads = "ReportDownloads";
}
