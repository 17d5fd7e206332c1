using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.IntegrationTests.Meetings;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.CheckIns;

/// <summary>From a meeting on the mentor's calendar to the check-in card, through the real background jobs.</summary>
public sealed class CheckInAfterMeetingTests : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public CheckInAfterMeetingTests(AzuriteFixture azurite)
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

    /// <summary>A started pair whose mentor has a half-hour meeting tomorrow at this UTC hour; the clock stops ten minutes before.</summary>
    private static async Task<DateTimeOffset> MeetingTomorrowAsync(MeetingScenario world, string id, int hourUtc, TestUser mentor, TestUser mentee)
    {
        var now = world.Now;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, hourUtc, 0, 0, TimeSpan.Zero).AddDays(1);
        world.Bot.Clock.Advance(start - now - TimeSpan.FromMinutes(10));
        world.Calendars.Put(mentor.AadObjectId, GraphEvents.Meeting(id, start, HalfAnHour, mentor.Email, mentee.Email));
        await world.StartPairAsync(MeetingScenario.PersonOf(mentor), MeetingScenario.PersonOf(mentee), DateOnly.FromDateTime(now.UtcDateTime));
        return start;
    }

    [Fact]
    public async Task The_check_in_reaches_the_pair_once_per_meeting_with_two_instances_and_a_restart_between_discovery_and_send()
    {
        await using var world = await StartAsync();
        // In the middle of a working day in UTC (the program's time zone).
        await MeetingTomorrowAsync(world, "coffee", 13, _mia, _max);

        await world.Bot.RunJobsAsync();
        Assert.Equal(0, CheckInsSentTo(world, _mia));

        // The service restarts after discovery; then two instances run the due jobs at the same moment.
        world.Bot.Restart();
        var other = world.Bot.StartAnotherInstance();
        world.Bot.Clock.Advance(TimeSpan.FromMinutes(10) + HalfAnHour + TimeSpan.FromMinutes(15));
        await Task.WhenAll(world.Bot.RunJobsAsync(), world.Bot.RunJobsAsync(other));
        await world.Bot.RunJobsAsync();

        Assert.Equal(1, CheckInsSentTo(world, _mia));
        Assert.Equal(1, CheckInsSentTo(world, _max));
    }

    [Fact]
    public async Task A_meeting_ending_at_night_gets_its_check_in_in_the_morning()
    {
        await using var world = await StartAsync();
        var lateStart = await MeetingTomorrowAsync(world, "late", 22, _mia, _max);
        await world.Bot.RunJobsAsync();

        world.Bot.Clock.Advance(TimeSpan.FromHours(1));
        await world.Bot.RunJobsAsync();
        Assert.Equal(0, CheckInsSentTo(world, _max));

        world.Bot.Clock.Advance(lateStart.Date.AddDays(1).AddHours(8) - world.Now.UtcDateTime + TimeSpan.FromMinutes(1));
        await world.Bot.RunJobsAsync();
        Assert.Equal(1, CheckInsSentTo(world, _max));
    }

    [Fact]
    public async Task A_pair_in_Tokyo_gets_the_check_in_in_their_morning_though_it_is_day_for_the_program()
    {
        var kenji = TestUser.Create("Kenji Mentor") with { TimeZone = "Asia/Tokyo" };
        var yui = TestUser.Create("Yui Mentee") with { TimeZone = "Asia/Tokyo" };
        await using var world = await MeetingScenario.StartAsync(_azurite);
        foreach (var user in new[] { kenji, yui })
        {
            // Each has talked to the bot; their Teams client says where they are.
            world.Bot.Channel.AddMember(user, BotScenario.TenantId);
            using (await world.Bot.SendAsync(world.Bot.Activities.PersonalMessage(user, "help")))
            {
            }
        }

        // 13:00–13:30 UTC: the program's (UTC) afternoon, 22:00–22:30 in Tokyo.
        var start = await MeetingTomorrowAsync(world, "late-in-tokyo", 13, kenji, yui);
        await world.Bot.RunJobsAsync();

        world.Bot.Clock.Advance(TimeSpan.FromMinutes(10) + HalfAnHour + TimeSpan.FromMinutes(16));
        await world.Bot.RunJobsAsync();
        Assert.Equal(0, CheckInsSentTo(world, yui));

        // 08:01 in Tokyo is 23:01 UTC.
        world.Bot.Clock.Advance(start.Date.AddHours(23).AddMinutes(1) - world.Now.UtcDateTime);
        await world.Bot.RunJobsAsync();
        Assert.Equal(1, CheckInsSentTo(world, yui));
        Assert.Equal(1, CheckInsSentTo(world, kenji));
    }

    [Fact]
    public async Task A_cancelled_meeting_gets_no_check_in()
    {
        await using var world = await StartAsync();
        var now = world.Now;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, 10, 0, 0, TimeSpan.Zero).AddDays(1);
        world.Bot.Clock.Advance(start - now - TimeSpan.FromHours(2));
        var meeting = GraphEvents.Meeting("to-cancel", start, HalfAnHour, _mia.Email, _max.Email);
        world.Calendars.Put(_mia.AadObjectId, meeting);
        await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(now.UtcDateTime));
        await world.Bot.RunJobsAsync();

        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Cancelled(meeting));
        await world.NextScanAsync(_mia.AadObjectId);
        world.Bot.Clock.Advance(TimeSpan.FromHours(3));
        await world.Bot.RunJobsAsync();

        Assert.Equal(0, CheckInsSentTo(world, _mia));
    }
}
