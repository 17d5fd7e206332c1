using MentorBot.Features.Meetings;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Meetings;

/// <summary>
/// A weekly mentoring series as real calendarView/delta serves it: the series master in full and each occurrence as
/// a stub with only its id, times and seriesMasterId (microsoft-graph-docs issue 7632).
/// </summary>
public sealed class RecurringMeetingTests : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public RecurringMeetingTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static int CheckInsSentTo(MeetingScenario world, TestUser user) =>
        world.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId))
            .Count(c => c.AllText.Contains("Is our meeting structure working for you?", StringComparison.Ordinal));

    private async Task<MeetingScenario> StartAsync()
    {
        var world = await MeetingScenario.StartAsync(_azurite);
        world.Bot.Channel.AddMember(_mia, BotScenario.TenantId);
        world.Bot.Channel.AddMember(_max, BotScenario.TenantId);
        return world;
    }

    /// <summary>Occurrence 0 three weeks ago, 3 just ended (an hour ago, half an hour long), 4 next week.</summary>
    private static IReadOnlyList<System.Text.Json.Nodes.JsonObject> SeriesStartedThreeWeeksAgo(MeetingScenario world, string organizer, string attendee) =>
        GraphEvents.WeeklySeries("weekly", world.Now.AddDays(-21).AddHours(-1), 5, HalfAnHour, organizer, attendee);

    private async Task<Features.Pairs.Pair> StartPairAsync(MeetingScenario world) =>
        await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(world.Now.AddDays(-22).UtcDateTime));

    [Fact]
    public async Task The_occurrence_that_just_ended_gets_one_check_in_and_every_occurrence_counts()
    {
        await using var world = await StartAsync();
        foreach (var item in SeriesStartedThreeWeeksAgo(world, _mia.Email, _max.Email))
        {
            world.Calendars.Put(_mia.AadObjectId, item);
        }

        var pair = await StartPairAsync(world);
        await world.Bot.RunJobsAsync();
        world.Bot.Clock.Advance(TimeSpan.FromMinutes(20));
        await world.Bot.RunJobsAsync();

        var meetings = await world.MeetingsOfAsync(pair);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => MeetingKeys.ForEvent(GraphEvents.OccurrenceId("weekly", i))).Order(), meetings.Where(m => m.Counts).Select(m => m.MeetingKey).Order());
        Assert.All(meetings, m => Assert.Equal("weekly", m.SeriesMasterId));
        Assert.Equal(1, CheckInsSentTo(world, _mia));
        Assert.Equal(1, CheckInsSentTo(world, _max));
        // The master came in the same sync: no occurrence cost a request of its own.
        Assert.DoesNotContain(world.Bot.Graph.Requests, r => r.Path.Contains("/events/", StringComparison.Ordinal));

        // Later scans change nothing; next week's occurrence gets its own check-in when it ends, once.
        await world.NextScanAsync(_mia.AadObjectId);
        Assert.Equal(1, CheckInsSentTo(world, _max));
        world.Bot.Clock.Advance(TimeSpan.FromDays(7));
        await world.Bot.RunJobsAsync();
        await world.NextScanAsync(_mia.AadObjectId);
        Assert.Equal(2, CheckInsSentTo(world, _mia));
        Assert.Equal(2, CheckInsSentTo(world, _max));
    }

    [Fact]
    public async Task A_deleted_occurrence_gets_no_check_in()
    {
        await using var world = await StartAsync();
        foreach (var item in GraphEvents.WeeklySeries("weekly", world.Now.AddDays(1), 2, HalfAnHour, _mia.Email, _max.Email))
        {
            world.Calendars.Put(_mia.AadObjectId, item);
        }

        var pair = await StartPairAsync(world);
        await world.Bot.RunJobsAsync();
        Assert.Equal(2, (await world.MeetingsOfAsync(pair)).Count(m => m.Counts));

        world.Calendars.Delete(_mia.AadObjectId, GraphEvents.OccurrenceId("weekly", 0));
        await world.NextScanAsync(_mia.AadObjectId);
        world.Bot.Clock.Advance(TimeSpan.FromDays(2));
        await world.Bot.RunJobsAsync();

        var deleted = (await world.MeetingsOfAsync(pair)).Single(m => m.EventId == GraphEvents.OccurrenceId("weekly", 0));
        Assert.Equal(MeetingStatus.Cancelled, deleted.Status);
        // The removal was checked with Graph (404) before the meeting was called cancelled.
        Assert.Contains(world.Bot.Graph.Requests, r => r.Path.EndsWith("/events/" + GraphEvents.OccurrenceId("weekly", 0), StringComparison.Ordinal) && r.StatusCode == 404);
        Assert.Equal(0, CheckInsSentTo(world, _max));
        Assert.Equal(1, (await world.MeetingsOfAsync(pair)).Count(m => m.Counts));
    }

    [Fact]
    public async Task The_mentor_declining_the_series_stops_its_check_ins()
    {
        await using var world = await StartAsync();
        // The mentee organises; the mentor is invited and later declines the whole series (only the master changes).
        var series = GraphEvents.WeeklySeries("weekly", world.Now.AddDays(1), 2, HalfAnHour, _max.Email, _mia.Email);
        foreach (var item in series)
        {
            world.Calendars.Put(_mia.AadObjectId, item);
        }

        var pair = await StartPairAsync(world);
        await world.Bot.RunJobsAsync();
        Assert.Equal(2, (await world.MeetingsOfAsync(pair)).Count(m => m.Counts));

        world.Calendars.Put(_mia.AadObjectId, GraphEvents.DeclinedByOwner(series[0]));
        await world.NextScanAsync(_mia.AadObjectId);
        world.Bot.Clock.Advance(TimeSpan.FromDays(9));
        await world.Bot.RunJobsAsync();

        Assert.All(await world.MeetingsOfAsync(pair), m => Assert.Equal(MeetingStatus.Cancelled, m.Status));
        Assert.Equal(0, CheckInsSentTo(world, _mia));
        Assert.Equal(0, CheckInsSentTo(world, _max));
    }

    [Fact]
    public async Task Occurrences_arriving_without_their_master_cost_one_request_per_series_and_an_exception_keeps_its_own_times()
    {
        await using var world = await StartAsync();
        var series = GraphEvents.WeeklySeries("weekly", world.Now.AddDays(1), 1, HalfAnHour, _mia.Email, _max.Email);
        foreach (var item in series)
        {
            world.Calendars.Put(_mia.AadObjectId, item);
        }

        var pair = await StartPairAsync(world);
        await world.Bot.RunJobsAsync();

        // After a restart (nothing cached), the series grows by two occurrences: delta sends their stubs only.
        world.Bot.Restart();
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Occurrence("weekly", 1, world.Now.AddDays(8), HalfAnHour));
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Occurrence("weekly", 2, world.Now.AddDays(15), HalfAnHour));
        // One occurrence edited on its own: an hour long, a day later. Exceptions come in full.
        var moved = world.Now.AddDays(2);
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Exception(series[0], 0, moved, TimeSpan.FromHours(1)));
        world.Bot.Graph.Clear();
        await world.NextScanAsync(_mia.AadObjectId);

        Assert.Single(world.Bot.Graph.Requests, r => r.Path.Contains("/events/", StringComparison.Ordinal));
        Assert.Single(world.Bot.Graph.Requests, r => r.Path.EndsWith("/events/weekly", StringComparison.Ordinal));
        var meetings = await world.MeetingsOfAsync(pair);
        Assert.Equal(3, meetings.Count(m => m.Counts));
        var exception = meetings.Single(m => m.EventId == GraphEvents.OccurrenceId("weekly", 0));
        Assert.Equal((moved, moved.AddHours(1)), (exception.Start, exception.End));
        Assert.Null(exception.SeriesMasterId);

        // Once more after the next restart: the master is read again once, not once per occurrence.
        world.Bot.Restart();
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Occurrence("weekly", 1, world.Now.AddDays(8).AddHours(1), HalfAnHour));
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Occurrence("weekly", 2, world.Now.AddDays(15).AddHours(1), HalfAnHour));
        world.Bot.Graph.Clear();
        await world.NextScanAsync(_mia.AadObjectId);
        Assert.Single(world.Bot.Graph.Requests, r => r.Path.Contains("/events/", StringComparison.Ordinal));
    }
}
