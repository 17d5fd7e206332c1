using MentorBot.Features.Pairs;

namespace MentorBot.Features.Meetings;

/// <summary>
/// The time range a calendar delta follows. Graph fixes it when the delta starts, so it is chosen to reach
/// a month ahead and renewed (a fresh full sync) a week before it runs out, or when a new pair's history
/// must be read. A renewed window starts a little before the last scan, so nothing that changed since is missed.
/// </summary>
internal sealed record ScanWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>How far ahead meetings are followed (future meetings get their check-in job when found).</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(30);

    /// <summary>A window with less than this left is renewed.</summary>
    public static readonly TimeSpan RenewWhenLeft = TimeSpan.FromDays(7);

    /// <summary>How far before the last scan a renewed window starts.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromDays(2);

    /// <summary>True when the stored delta link still serves every active pair: no full sync needed.</summary>
    public static bool CanContinue(CalendarSyncState? state, IEnumerable<Pair> activePairs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activePairs);
        return state is { DeltaLink: not null, Window: { } window }
            && window.To - now >= RenewWhenLeft
            && activePairs.All(p => state.CoveredPairs.Contains(p.PairId, StringComparer.Ordinal));
    }

    /// <summary>
    /// The window of a full sync: from each pair's start for a pair not read before (its whole history), else from
    /// shortly before the last scan; at least from yesterday; to a month ahead.
    /// </summary>
    public static ScanWindow ForFullSync(CalendarSyncState? state, IEnumerable<Pair> activePairs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activePairs);
        var from = now.AddDays(-1);
        foreach (var pair in activePairs)
        {
            var pairFrom = PairMeetingRules.CountsFrom(pair);
            if (state is { LastScanAt: { } last } && state.CoveredPairs.Contains(pair.PairId, StringComparer.Ordinal))
            {
                pairFrom = Max(pairFrom, last - Overlap);
            }

            from = Min(from, pairFrom);
        }

        return new ScanWindow(WholeMinutes(from), WholeMinutes(now + Ahead));
    }

    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;

    private static DateTimeOffset WholeMinutes(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
