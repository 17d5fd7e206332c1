using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Meetings;

/// <summary>Meetings found on the mentor's calendar through the real Graph SDK, against paged calendarView/delta responses.</summary>
public sealed class MeetingDiscoveryTests : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");
    private readonly TestUser _nia = TestUser.Create("Nia Newcomer");

    public MeetingDiscoveryTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task One_scan_finds_exactly_the_pairs_meetings_and_the_next_scan_continues_from_the_delta_link()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var now = world.Now;
        const string alias = "max.sales@contoso.test";
        var mia = _mia.Email;
        var max = _max.Email;
        var calendar = world.Calendars;
        calendar.PageSize = 3;
        calendar.RepeatLastEventOnNextPage = true;

        // A weekly series as delta serves it: the master (with the attendees, in capitals) and three occurrence stubs,
        // one past, one just ended, one ahead.
        calendar.Put(_mia.AadObjectId, GraphEvents.SeriesMaster("weekly", now.AddDays(-7), HalfAnHour, mia, max.ToUpperInvariant()));
        var pastWeek = GraphEvents.Occurrence("weekly", 1, now.AddDays(-7), HalfAnHour);
        var justEnded = GraphEvents.Occurrence("weekly", 2, now.AddHours(-1), HalfAnHour);
        var nextWeek = GraphEvents.Occurrence("weekly", 3, now.AddDays(6), HalfAnHour);
        foreach (var occurrence in new[] { pastWeek, justEnded, nextWeek })
        {
            calendar.Put(_mia.AadObjectId, occurrence);
        }

        calendar.Put(_mia.AadObjectId, GraphEvents.Cancelled(GraphEvents.Meeting("cancelled", now.AddDays(2), HalfAnHour, mia, max)));
        calendar.Put(_mia.AadObjectId, GraphEvents.Meeting("mentor-alone", now.AddHours(-3), HalfAnHour, mia));
        calendar.Put(_mia.AadObjectId, GraphEvents.Meeting("someone-else", now.AddHours(-4), HalfAnHour, mia, _nia.Email));
        var byAlias = GraphEvents.Meeting("mentee-organizes-with-alias", now.AddHours(-5), HalfAnHour, alias, mia);
        calendar.Put(_mia.AadObjectId, byAlias);
        calendar.ThrottleNextPage();

        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max, alias), DateOnly.FromDateTime(now.AddDays(-14).UtcDateTime));
        await world.Bot.RunJobsAsync();

        var meetings = await world.MeetingsOfAsync(pair);
        Assert.Equal(
            new[] { pastWeek, byAlias, justEnded, nextWeek }.Select(e => MeetingKeys.ForEvent((string)e["id"]!)).Order(),
            meetings.Select(m => m.MeetingKey).Order());
        Assert.All(meetings, m => Assert.Equal(MeetingStatus.Scheduled, m.Status));
        Assert.Equal(now.AddHours(-1), meetings.Single(m => m.MeetingKey == MeetingKeys.ForEvent("weekly-occurrence-2")).Start);

        var reads = world.CalendarReads();
        Assert.All(reads, r => Assert.Contains($"/users/{_mia.AadObjectId}/", r.Path, StringComparison.Ordinal));
        Assert.Single(reads, r => r.StatusCode == 429);
        Assert.All(reads, r => Assert.Contains("outlook.timezone=\"UTC\"", r.Headers["Prefer"], StringComparison.Ordinal));
        Assert.All(reads, r => Assert.Contains("odata.maxpagesize=", r.Headers["Prefer"], StringComparison.Ordinal));
        Assert.True(reads[0].QueryParameters.ContainsKey("startDateTime"));
        Assert.DoesNotContain(reads, r => r.QueryParameters.ContainsKey("$select"));

        // Neither subjects nor who else was invited are kept.
        var stored = await world.Bot.EntitiesAsync(MeetingTables.Meetings);
        Assert.DoesNotContain(stored.SelectMany(e => e.Select(property => property.Value)), v => v is string s && (s.Contains("Private topic", StringComparison.Ordinal) || s.Contains('@', StringComparison.Ordinal)));

        // Check-ins: for the meetings that ended lately and the one ahead, due 15 minutes after each ends; none for last week's.
        var jobs = await world.CheckInJobsAsync();
        Assert.Equal(3, jobs.Count);
        // (A job already due has run by now, so only the one ahead still shows its due time.)
        Assert.Contains(jobs, j => j.Key == MeetingJobs.CheckInKey(pair.PairId, MeetingKeys.ForEvent("weekly-occurrence-2"), now.AddMinutes(-30)));
        Assert.Contains(jobs, j => j.Get(MeetingJobs.MeetingData) == MeetingKeys.ForEvent("weekly-occurrence-3") && j.DueAt == now.AddDays(6).AddMinutes(45));
        Assert.DoesNotContain(jobs, j => j.Get(MeetingJobs.MeetingData) == MeetingKeys.ForEvent("weekly-occurrence-1"));
        var handOff = jobs.Single(j => j.Get(MeetingJobs.MeetingData) == MeetingKeys.ForEvent("mentee-organizes-with-alias"));
        Assert.Equal(BotScenario.TenantId, handOff.Get(MeetingJobs.TenantData));
        Assert.Equal(pair.ProgramId, handOff.Get(MeetingJobs.ProgramData));
        Assert.Equal(pair.PairId, handOff.Get(MeetingJobs.PairData));
        Assert.Equal(now.AddHours(-5), DateTimeOffset.Parse(handOff.Get(MeetingJobs.StartData)!, System.Globalization.CultureInfo.InvariantCulture));

        // Next scan: only the changes since the delta link. The meeting ahead is deleted; the one that just ended is
        // touched (a response came in) and is seen again.
        var deltaLink = (await world.CalendarSyncAsync(_mia.AadObjectId))!.GetString("DeltaLink")!;
        calendar.Delete(_mia.AadObjectId, "weekly-occurrence-3");
        calendar.Put(_mia.AadObjectId, justEnded);
        world.Bot.Graph.Clear();

        await world.NextScanAsync(_mia.AadObjectId);

        var delta = Assert.Single(world.CalendarReads());
        Assert.Equal(DeltaToken(deltaLink), delta.QueryParameters["$deltatoken"]);
        meetings = await world.MeetingsOfAsync(pair);
        Assert.Equal(4, meetings.Count);
        Assert.Equal(MeetingStatus.Cancelled, meetings.Single(m => m.MeetingKey == MeetingKeys.ForEvent("weekly-occurrence-3")).Status);
        Assert.Equal(3, meetings.Count(m => m.Counts));
        Assert.Equal(3, (await world.CheckInJobsAsync()).Count);
    }

    [Fact]
    public async Task A_moved_meeting_gets_a_new_check_in_and_the_old_one_is_recognised_as_stale()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var now = world.Now;
        var original = GraphEvents.Meeting("coffee", now.AddDays(1), HalfAnHour, _max.Email, _mia.Email);
        world.Calendars.Put(_mia.AadObjectId, original);
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(now.UtcDateTime));
        await world.Bot.RunJobsAsync();
        var first = Assert.Single(await world.CheckInJobsAsync());

        world.Calendars.Put(_mia.AadObjectId, GraphEvents.MovedTo(original, now.AddDays(2), TimeSpan.FromHours(1)));
        await world.NextScanAsync(_mia.AadObjectId);

        var meeting = Assert.Single(await world.MeetingsOfAsync(pair));
        Assert.Equal(now.AddDays(2), meeting.Start);
        Assert.Equal(now.AddDays(2).AddHours(1), meeting.End);
        var jobs = await world.CheckInJobsAsync();
        Assert.Equal(2, jobs.Count);
        var second = jobs.Single(j => j.Key != first.Key);
        Assert.Equal(meeting.End.AddMinutes(15), second.DueAt);
        var stored = await world.Meetings.GetAsync(pair.TenantId, pair.PairId, meeting.MeetingKey, default);
        Assert.False(MeetingJobs.IsCurrent(first, stored));
        Assert.True(MeetingJobs.IsCurrent(second, stored));

        // Cancelled by the organizer: the attendee's copy says isCancelled, and no job is current any more.
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Cancelled(GraphEvents.MovedTo(original, now.AddDays(2), TimeSpan.FromHours(1))));
        await world.NextScanAsync(_mia.AadObjectId);
        stored = await world.Meetings.GetAsync(pair.TenantId, pair.PairId, meeting.MeetingKey, default);
        Assert.Equal(MeetingStatus.Cancelled, stored!.Status);
        Assert.False(MeetingJobs.IsCurrent(second, stored));
    }

    [Fact]
    public async Task Two_pairs_sharing_a_mentor_are_served_by_one_calendar_read_per_scan()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var now = world.Now;
        var calendar = world.Calendars;
        calendar.Put(_mia.AadObjectId, GraphEvents.Meeting("with-max", now.AddDays(1), HalfAnHour, _mia.Email, _max.Email));
        calendar.Put(_mia.AadObjectId, GraphEvents.Meeting("with-nia", now.AddDays(2), HalfAnHour, _mia.Email, _nia.Email));
        calendar.Put(_mia.AadObjectId, GraphEvents.Meeting("with-both", now.AddDays(3), HalfAnHour, _mia.Email, _max.Email, _nia.Email));
        var start = DateOnly.FromDateTime(now.UtcDateTime);
        var withMax = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), start);
        var withNia = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_nia), start);
        await world.Bot.RunJobsAsync();

        Assert.Equal(["with-both", "with-max"], (await world.MeetingsOfAsync(withMax)).Select(m => m.EventId!).Order());
        Assert.Equal(["with-both", "with-nia"], (await world.MeetingsOfAsync(withNia)).Select(m => m.EventId!).Order());
        Assert.All(world.CalendarReads(), r => Assert.Contains($"/users/{_mia.AadObjectId}/", r.Path, StringComparison.Ordinal));

        for (var scan = 0; scan < 3; scan++)
        {
            world.Bot.Graph.Clear();
            await world.NextScanAsync(_mia.AadObjectId);
            var read = Assert.Single(world.CalendarReads());
            Assert.True(read.QueryParameters.ContainsKey("$deltatoken"));
        }

        Assert.Equal(4, (await world.CheckInJobsAsync()).Count);
    }

    [Fact]
    public async Task The_same_meeting_under_a_second_event_id_counts_once()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var now = world.Now;
        var meeting = GraphEvents.Meeting("copy-1", now.AddDays(1), HalfAnHour, _max.Email, _mia.Email);
        var copy = meeting.DeepClone().AsObject();
        copy["id"] = "copy-2";
        world.Calendars.Put(_mia.AadObjectId, meeting);
        world.Calendars.Put(_mia.AadObjectId, copy);
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(now.UtcDateTime));

        await world.Bot.RunJobsAsync();

        var counted = Assert.Single(await world.MeetingsOfAsync(pair));
        Assert.Equal("copy-1", counted.EventId);
        Assert.Single(await world.CheckInJobsAsync());
    }

    private static string DeltaToken(string deltaLink) => deltaLink[(deltaLink.IndexOf("$deltatoken=", StringComparison.Ordinal) + "$deltatoken=".Length)..];

    [Fact]
    public async Task A_meeting_to_come_found_on_the_calendar_has_its_pre_meeting_note_planned_once_and_one_that_has_passed_has_none()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var now = world.Now;
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("next", now.AddDays(2), HalfAnHour, _max.Email, _mia.Email));
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("past", now.AddHours(-2), HalfAnHour, _max.Email, _mia.Email));
        await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(now.UtcDateTime));
        await world.Bot.RunJobsAsync();
        await world.NextScanAsync(_mia.AadObjectId);

        var planned = (await world.JobRowsAsync(MentorBot.Features.CheckIns.PreMeetingNoteJob.NoteKind)).Select(r => r.Job).ToList();
        var plan = Assert.Single(planned, j => !j.Data.ContainsKey("role"));
        // The plan is keyed by the meeting's start: the one to come, not the one that has passed.
        var next = now.AddDays(2).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith(next, plan.Key, StringComparison.Ordinal);
    }
}
