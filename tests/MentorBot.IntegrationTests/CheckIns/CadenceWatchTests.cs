using MentorBot.Features.Cadence;
using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.IntegrationTests.Meetings;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.CheckIns;

public sealed class CadenceWatchTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public CadenceWatchTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static int NudgesTo(MeetingScenario world, TestUser user) =>
        world.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId))
            .Count(c => c.AllText.Contains("Time for your next meeting?", StringComparison.Ordinal));

    /// <summary>Both agreed to meet weekly; the cadence watch starts the next day.</summary>
    private async Task AgreeWeeklyAndWatchAsync(MeetingScenario world, Pair pair, DateTimeOffset agreedAt)
    {
        var weekly = new ExpectationsAnswers { Role = PairRole.Mentor, Frequency = ExpectationChoices.Weekly };
        await world.Bot.Host.Services.GetRequiredService<AgreementStore>().AddVersionAsync(new ExpectationsAgreement
        {
            TenantId = pair.TenantId,
            ProgramId = pair.ProgramId,
            PairId = pair.PairId,
            Version = 1,
            MentorName = _mia.Name,
            MenteeName = _max.Name,
            Mentor = weekly,
            Mentee = weekly with { Role = PairRole.Mentee },
            Confirmations = [new AgreementConfirmation(PairRole.Mentor, _mia.AadObjectId, agreedAt), new AgreementConfirmation(PairRole.Mentee, _max.AadObjectId, agreedAt)],
            CreatedAt = agreedAt,
        }, null, default);
        await world.Bot.Host.Services.GetRequiredService<JobStore>().ScheduleAsync(CadenceWatchJob.For(pair, agreedAt.AddDays(1)), default);
    }

    [Fact]
    public async Task A_weekly_pair_that_stops_meeting_gets_one_nudge_each_then_one_alert()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        world.Bot.Channel.AddMember(_mia, BotScenario.TenantId);
        world.Bot.Channel.AddMember(_max, BotScenario.TenantId);
        var agreedAt = world.Now;
        world.Calendars.Put(_mia.AadObjectId, GraphEvents.Meeting("first", agreedAt.AddDays(1), TimeSpan.FromMinutes(45), _mia.Email, _max.Email));
        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(agreedAt.UtcDateTime));
        await AgreeWeeklyAndWatchAsync(world, pair, agreedAt);

        var nudgeDay = -1;
        var alertDay = -1;
        for (var day = 1; day <= 35; day++)
        {
            world.Bot.Clock.Advance(TimeSpan.FromDays(1));
            await world.Bot.RunJobsAsync();
            if (nudgeDay < 0 && NudgesTo(world, _max) > 0)
            {
                nudgeDay = day;
            }

            if (alertDay < 0 && (await world.Bot.EntitiesAsync("Alerts")).Count > 0)
            {
                alertDay = day;
            }
        }

        // The meeting on day 1 is the last; a week and a half later the pair is nudged, three weeks later the coordinators hear of it.
        Assert.InRange(nudgeDay, 12, 13);
        Assert.InRange(alertDay, 22, 23);
        Assert.Equal(1, NudgesTo(world, _mia));
        Assert.Equal(1, NudgesTo(world, _max));
        var alert = Assert.Single(await world.Bot.EntitiesAsync("Alerts"));
        Assert.Equal("cadence-drift", alert.GetString("Cause"));
        Assert.Contains(world.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)),
            c => c.AllText.Contains("https://teams.microsoft.com/l/meeting/new", StringComparison.Ordinal)
                && c.AllText.Contains(Uri.EscapeDataString(_mia.Upn), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pair_meeting_in_a_weekly_series_served_as_delta_serves_it_is_never_nudged()
    {
        await using var world = await MeetingScenario.StartAsync(_azurite);
        world.Bot.Channel.AddMember(_mia, BotScenario.TenantId);
        world.Bot.Channel.AddMember(_max, BotScenario.TenantId);
        var agreedAt = world.Now;
        // Master plus occurrence stubs with no attendees, as calendarView/delta serves a series (microsoft-graph-docs issue 7632).
        foreach (var item in GraphEvents.WeeklySeries("weekly", agreedAt.AddDays(1), 8, TimeSpan.FromMinutes(45), _mia.Email, _max.Email))
        {
            world.Calendars.Put(_mia.AadObjectId, item);
        }

        var pair = await world.StartPairAsync(MeetingScenario.PersonOf(_mia), MeetingScenario.PersonOf(_max), DateOnly.FromDateTime(agreedAt.UtcDateTime));
        await AgreeWeeklyAndWatchAsync(world, pair, agreedAt);

        for (var day = 1; day <= 35; day++)
        {
            world.Bot.Clock.Advance(TimeSpan.FromDays(1));
            await world.Bot.RunJobsAsync();
            Assert.True(NudgesTo(world, _mia) + NudgesTo(world, _max) == 0, $"nudged on day {day} although they meet every week");
        }

        Assert.Empty(await world.Bot.EntitiesAsync("Alerts"));
        // The watch saw the meetings: the five occurrences so far (days 1, 8, 15, 22 and 29) all count.
        var held = (await world.MeetingsOfAsync(pair)).Where(m => m.Counts && m.End <= world.Now).ToList();
        Assert.Equal(5, held.Count);
        Assert.All(held, m => Assert.Equal("weekly", m.SeriesMasterId));
    }
}
