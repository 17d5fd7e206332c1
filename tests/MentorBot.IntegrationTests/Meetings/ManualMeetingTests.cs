using MentorBot.Features.Meetings;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Meetings;

/// <summary>"check in" after a meeting that was not on a calendar.</summary>
public sealed class ManualMeetingTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public ManualMeetingTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task A_meeting_logged_by_hand_is_recorded_once_and_its_check_in_is_due_at_once()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(world.Now.AddDays(-30).UtcDateTime));
        await world.Bot.RunJobsAsync();
        var log = world.Bot.Host.Services.GetRequiredService<MeetingLog>();

        var logged = await log.LogManualMeetingAsync(pair, world.Now, default);
        world.Bot.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await log.LogManualMeetingAsync(pair, world.Now, default);

        Assert.Equal(MeetingSource.Manual, logged.Source);
        Assert.Equal(logged.MeetingKey, again.MeetingKey);
        var meeting = Assert.Single(await world.MeetingsOfAsync(pair));
        Assert.True(meeting.Counts);
        var job = Assert.Single(await world.CheckInJobsAsync());
        Assert.Equal(logged.End, job.DueAt);
        Assert.True(MeetingJobs.IsCurrent(job, meeting));
    }

    [Fact]
    public async Task Check_in_right_after_a_calendar_meeting_is_about_that_meeting_and_a_later_scan_adds_none()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var now = world.Now;
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("lunch", now.AddMinutes(-60), TimeSpan.FromMinutes(45), _mia.Email, _max.Email));
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(now.UtcDateTime));
        await world.Bot.RunJobsAsync();

        var logged = await world.Bot.Host.Services.GetRequiredService<MeetingLog>().LogManualMeetingAsync(pair, now, default);

        Assert.Equal(MeetingSource.Calendar, logged.Source);
        Assert.Equal("lunch", logged.EventId);
        Assert.Single(await world.MeetingsOfAsync(pair));
        var jobs = await world.CheckInJobsAsync();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(logged.MeetingKey, j.Get(MeetingJobs.MeetingData)));
        Assert.Contains(jobs, j => j.DueAt == now);

        // A meeting logged by hand first and seen on the calendar afterwards is one meeting too.
        world.Bot.Clock.Advance(TimeSpan.FromHours(3));
        var coffee = await world.Bot.Host.Services.GetRequiredService<MeetingLog>().LogManualMeetingAsync(pair, world.Now, default);
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("coffee", world.Now.AddMinutes(-20), TimeSpan.FromMinutes(20), _max.Email, _mia.Email));
        await world.NextScanAsync(_mia.AadObjectId);

        Assert.Equal(2, (await world.MeetingsOfAsync(pair)).Count);
        Assert.Equal(MeetingSource.Manual, (await world.MeetingsOfAsync(pair)).Single(m => m.MeetingKey == coffee.MeetingKey).Source);
        Assert.Equal(3, (await world.CheckInJobsAsync()).Count);
    }
}
