namespace MentorBot.Features.Rematch;

/// <summary>
/// The rematch feature's tables. Until they are listed in <c>TableNames</c> (and so created at start-up), each
/// store creates its table on first use.
/// </summary>
public static class RematchTables
{
    /// <summary>One row per request (partition: tenant and pair).</summary>
    public const string Requests = "RematchRequests";

    /// <summary>"Do not pair again" between two people (partition: tenant and the first of the two ids in order).</summary>
    public const string History = "RematchHistory";
}
