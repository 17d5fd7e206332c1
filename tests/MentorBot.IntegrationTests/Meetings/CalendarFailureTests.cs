using MentorBot.Features.Meetings;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Meetings;

/// <summary>What Graph documents for moved meetings, lost delta positions and mailboxes it cannot read.</summary>
public sealed class CalendarFailureTests : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);
    private const string CoordinatorsChannel = "19:coordinators@thread.tacv2";

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public CalendarFailureTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task A_meeting_moved_beyond_the_window_is_followed_not_cancelled()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var original = GraphEvents.Meeting("coffee", world.Now.AddDays(1), HalfAnHour, _mia.Email, _max.Email);
        world.Calendars.Put(_mia.AadObjectId, original);
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(world.Now.UtcDateTime));
        await world.Bot.RunJobsAsync();

        // Forty days ahead is outside the month the delta follows: Graph reports it as @removed, reason deleted.
        var later = world.Now.AddDays(40);
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.MovedTo(original, later, HalfAnHour));
        world.Bot.Graph.Clear();
        await world.NextScanAsync(_mia.AadObjectId);

        var meeting = Assert.Single(await world.MeetingsOfAsync(pair));
        Assert.Equal(MeetingStatus.Scheduled, meeting.Status);
        Assert.Equal(later, meeting.Start);
        Assert.Single(world.Bot.Graph.Requests, r => r.Path.EndsWith("/events/coffee", StringComparison.Ordinal) && r.StatusCode == 200);
    }

    [Theory]
    [InlineData(DeltaLinkFailure.InvalidDeltaToken, 400)]
    [InlineData(DeltaLinkFailure.SyncStateNotFound, 410)]
    [InlineData(DeltaLinkFailure.ResyncRequired, 410)]
    [InlineData(DeltaLinkFailure.GoneWithoutJson, 410)]
    [InlineData(DeltaLinkFailure.GoneWithHtml, 410)]
    public async Task A_delta_link_Graph_no_longer_honours_leads_to_a_fresh_sync_on_the_same_scan(DeltaLinkFailure failure, int status)
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(world.Now.UtcDateTime));
        await world.Bot.RunJobsAsync();
        var before = (await world.CalendarSyncAsync(_mia.AadObjectId))!.GetString("DeltaLink");

        world.Calendars.ExpireDeltaLinks(failure);
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("after", world.Now.AddDays(1), HalfAnHour, _mia.Email, _max.Email));
        world.Bot.Graph.Clear();
        await world.NextScanAsync(_mia.AadObjectId);

        var reads = world.CalendarReads();
        Assert.Equal(status, reads[0].StatusCode);
        Assert.True(reads[1].QueryParameters.ContainsKey("startDateTime"));
        Assert.Equal(200, reads[^1].StatusCode);
        Assert.Single(await world.MeetingsOfAsync(pair));
        Assert.NotEqual(before, (await world.CalendarSyncAsync(_mia.AadObjectId))!.GetString("DeltaLink"));
    }

    [Theory]
    [InlineData(MailboxFailure.NotEnabledForRest, "not in Exchange Online")]
    [InlineData(MailboxFailure.NoMailbox, "finds no mailbox")]
    [InlineData(MailboxFailure.AccessDenied, "application access policy")]
    public async Task A_mentor_whose_mailbox_cannot_be_read_produces_one_coordinator_notice_and_slow_retries(MailboxFailure failure, string reason)
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        world.Calendars.MakeMailboxUnreadable(_mia.AadObjectId, failure);
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("later", world.Now.AddDays(2), HalfAnHour, _mia.Email, _max.Email));
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(world.Now.UtcDateTime));
        await world.Bot.RunJobsAsync();
        for (var scan = 0; scan < 5; scan++)
        {
            await world.NextScanAsync(_mia.AadObjectId);
        }

        var notice = Assert.Single(world.Bot.Channel.ActivitiesSentTo(CoordinatorsChannel));
        Assert.Contains(_mia.Name, notice.AllText, StringComparison.Ordinal);
        Assert.Contains(reason, notice.AllText, StringComparison.Ordinal);
        Assert.Contains("check in", notice.AllText, StringComparison.Ordinal);
        // Six half-hourly slots, one read: the mailbox is not asked again every half hour.
        Assert.Single(world.CalendarReads());
        Assert.DoesNotContain(await world.JobRowsAsync(MeetingJobs.ScanKind), r => r.LastError is not null);

        // Fixed by the administrator: the next try after the slow interval reads the calendar; still one notice.
        world.Calendars.MakeMailboxUnreadable(_mia.AadObjectId, null);
        world.Bot.Clock.Advance(CalendarScan.UnreadableRetry);
        await world.NextScanAsync(_mia.AadObjectId);
        Assert.Single(await world.MeetingsOfAsync(pair));
        Assert.Single(world.Bot.Channel.ActivitiesSentTo(CoordinatorsChannel));
    }
}
