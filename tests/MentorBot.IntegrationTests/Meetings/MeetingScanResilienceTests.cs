using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Meetings;

/// <summary>Scans as durable jobs: throttling, expired delta links, the end of the chain, several instances.</summary>
public sealed class MeetingScanResilienceTests : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");
    private readonly TestUser _nia = TestUser.Create("Nia Newcomer");

    public MeetingScanResilienceTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task A_storm_of_503s_fails_the_scan_which_is_retried_later_from_the_stored_delta_link()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(world.Now.UtcDateTime));
        await world.Bot.RunJobsAsync();
        var deltaLink = (await world.CalendarSyncAsync(_mia.AadObjectId))!.GetString("DeltaLink");
        Assert.NotNull(deltaLink);

        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("after-the-storm", world.Now.AddDays(1), HalfAnHour, _mia.Email, _max.Email));
        world.Bot.Graph.Clear();
        world.Bot.Graph.FailNext(100, 503, TimeSpan.Zero);
        await world.NextScanAsync(_mia.AadObjectId);

        // The SDK tried four times (its three retries), then the job failed: it waits for its retry, nothing spins.
        Assert.Equal(4, world.CalendarReads().Count);
        var failed = Assert.Single(await world.JobRowsAsync(MeetingJobs.ScanKind), r => r.Partition == "pending" && r.Job.Attempts == 1);
        Assert.True(failed.Job.DueAt > world.Now);
        var sync = (await world.CalendarSyncAsync(_mia.AadObjectId))!;
        Assert.Equal(deltaLink, sync.GetString("DeltaLink"));
        Assert.Null(sync.GetString("LeaseOwner"));
        await world.Bot.RunJobsAsync();
        Assert.Equal(4, world.CalendarReads().Count);
        Assert.Empty(await world.MeetingsOfAsync(pair));

        // Graph recovers; the retry reads on from the stored position.
        world.Bot.Graph.FailNext(0, 503);
        world.Bot.Clock.Advance(failed.Job.DueAt - world.Now);
        await world.Bot.RunJobsAsync();

        var retry = world.CalendarReads()[^1];
        Assert.Equal(200, retry.StatusCode);
        Assert.EndsWith("$deltatoken=" + retry.QueryParameters["$deltatoken"], deltaLink, StringComparison.Ordinal);
        Assert.Single(await world.MeetingsOfAsync(pair));
        Assert.Contains(await world.JobRowsAsync(MeetingJobs.ScanKind), r => r.Partition == "done" && r.Job.Key == failed.Job.Key);
    }

    [Fact]
    public async Task An_expired_delta_link_falls_back_to_a_full_sync_and_a_meeting_deleted_meanwhile_is_cancelled()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var now = world.Now;
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("kept", now.AddDays(1), HalfAnHour, _mia.Email, _max.Email));
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("dropped", now.AddDays(2), HalfAnHour, _mia.Email, _max.Email));
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(now.UtcDateTime));
        await world.Bot.RunJobsAsync();
        var before = (await world.CalendarSyncAsync(_mia.AadObjectId))!.GetString("DeltaLink");

        world.Calendars.ExpireDeltaLinks();
        world.Calendars.Delete(_mia.AadObjectId, "dropped");
        world.Bot.Graph.Clear();
        await world.NextScanAsync(_mia.AadObjectId);

        var reads = world.CalendarReads();
        Assert.Equal(410, reads[0].StatusCode);
        Assert.True(reads[1].QueryParameters.ContainsKey("startDateTime"));
        var meetings = await world.MeetingsOfAsync(pair);
        Assert.Equal(MeetingStatus.Scheduled, meetings.Single(m => m.EventId == "kept").Status);
        Assert.Equal(MeetingStatus.Cancelled, meetings.Single(m => m.EventId == "dropped").Status);
        Assert.NotEqual(before, (await world.CalendarSyncAsync(_mia.AadObjectId))!.GetString("DeltaLink"));
    }

    [Fact]
    public async Task Scans_stop_when_the_mentor_has_no_active_pair()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(world.Now.UtcDateTime));
        await world.Bot.RunJobsAsync();
        await world.NextScanAsync(_mia.AadObjectId);
        Assert.Single(await world.JobRowsAsync(MeetingJobs.ScanKind), r => r.Partition == "pending");

        var pairs = world.Bot.Host.Services.GetRequiredService<PairStore>();
        var (stored, etag) = (await pairs.GetAsync(pair.TenantId, pair.ProgramId, pair.PairId, default))!.Value;
        await pairs.UpdateAsync(stored with { Stage = PairStage.Closed, ClosedReason = "completed" }, etag, default);
        world.Bot.Graph.Clear();
        await world.NextScanAsync(_mia.AadObjectId);

        Assert.Empty(world.CalendarReads());
        Assert.DoesNotContain(await world.JobRowsAsync(MeetingJobs.ScanKind), r => r.Partition == "pending");
    }

    [Fact]
    public async Task Two_instances_running_scans_of_one_mentor_at_once_record_each_meeting_once()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var now = world.Now;
        world.Calendars.PageSize = 2;
        for (var day = 1; day <= 5; day++)
        {
            world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting($"day-{day}", now.AddDays(day), HalfAnHour, _mia.Email, _max.Email, _nia.Email));
        }

        var start = DateOnly.FromDateTime(now.UtcDateTime);
        var withMax = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), start);
        var withNia = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_nia), start);
        var second = world.Bot.StartAnotherInstance();

        await Task.WhenAll(world.Bot.RunJobsAsync(), world.Bot.RunJobsAsync(second));
        await world.Bot.RunJobsAsync();

        Assert.Equal(5, (await world.MeetingsOfAsync(withMax)).Count(m => m.Counts));
        Assert.Equal(5, (await world.MeetingsOfAsync(withNia)).Count(m => m.Counts));
        Assert.Equal(10, (await world.CheckInJobsAsync()).Count);
        Assert.Null((await world.CalendarSyncAsync(_mia.AadObjectId))!.GetString("LeaseOwner"));
    }
}
