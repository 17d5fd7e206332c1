using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;

namespace MentorBot.Tests.Meetings;

/// <summary>Which window a calendar delta follows, when it is renewed, and when each mentor's scans run.</summary>
public sealed class ScanPlanningTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Pair PairStarting(string id, DateOnly start) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = id,
        Mentor = new Person("mia", "Mia", null, null),
        Mentee = new Person("max", "Max", null, null),
        Start = start,
        PlannedEnd = start.AddDays(180),
        Stage = PairStage.Working,
    };

    private static readonly Pair Old = PairStarting("old", new DateOnly(2027, 1, 4));
    private static readonly Pair Fresh = PairStarting("fresh", new DateOnly(2027, 2, 15));

    private static CalendarSyncState Synced(DateTimeOffset lastScan, ScanWindow window, params string[] covered) => new()
    {
        TenantId = "t",
        MentorId = "mia",
        DeltaLink = "https://graph/delta?$deltatoken=x",
        Window = window,
        CoveredPairs = covered,
        LastScanAt = lastScan,
    };

    [Fact]
    public void A_first_full_sync_reads_each_pairs_whole_history_and_a_month_ahead()
    {
        var window = ScanWindow.ForFullSync(null, [Old, Fresh], Now);

        Assert.Equal(new DateTimeOffset(2027, 1, 3, 0, 0, 0, TimeSpan.Zero), window.From);
        Assert.Equal(Now.AddDays(30), window.To);
    }

    [Fact]
    public void A_renewed_window_starts_shortly_before_the_last_scan_unless_a_pair_is_new()
    {
        var state = Synced(Now.AddMinutes(-30), new ScanWindow(Now.AddDays(-40), Now.AddDays(5)), "old");

        Assert.Equal(Now.AddMinutes(-30) - ScanWindow.Overlap, ScanWindow.ForFullSync(state, [Old], Now).From);
        Assert.Equal(new DateTimeOffset(2027, 2, 14, 0, 0, 0, TimeSpan.Zero), ScanWindow.ForFullSync(state, [Old, Fresh], Now).From);
    }

    [Fact]
    public void The_delta_link_is_kept_until_the_window_runs_low_or_a_pair_is_not_covered()
    {
        var window = new ScanWindow(Now.AddDays(-10), Now.AddDays(20));
        Assert.True(ScanWindow.CanContinue(Synced(Now, window, "old"), [Old], Now));
        Assert.False(ScanWindow.CanContinue(Synced(Now, window, "old"), [Old, Fresh], Now));
        Assert.False(ScanWindow.CanContinue(Synced(Now, window, "old"), [Old], Now.AddDays(14)));
        Assert.False(ScanWindow.CanContinue(Synced(Now, window, "old") with { DeltaLink = null }, [Old], Now));
        Assert.False(ScanWindow.CanContinue(null, [Old], Now));
    }

    [Fact]
    public void Each_mentor_is_scanned_every_half_hour_on_their_own_minute()
    {
        var first = ScanSchedule.NextSlot("mia", Now);
        Assert.InRange(first - Now, TimeSpan.FromTicks(1), ScanSchedule.Interval);
        Assert.Equal(first + ScanSchedule.Interval, ScanSchedule.NextSlot("mia", first));
        Assert.Equal(first, ScanSchedule.NextSlot("MIA", first.AddTicks(-1)));
        Assert.Equal(0, first.UtcTicks % TimeSpan.TicksPerMinute);

        var phases = Enumerable.Range(0, 50).Select(i => ScanSchedule.Phase($"mentor-{i}")).Distinct().Count();
        Assert.True(phases > 10, $"only {phases} different minutes for 50 mentors");
    }

    [Fact]
    public void Slot_keys_name_the_minute()
    {
        Assert.Equal("slot/20270301T1217Z", ScanSchedule.SlotKey(new DateTimeOffset(2027, 3, 1, 12, 17, 0, TimeSpan.Zero)));
    }
}
