using System.Text.Json.Nodes;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.CheckIns;

/// <summary>
/// The revision loop as a pair lives it: a request in a check-in reaches the partner (only "answered" when private),
/// the next check-in asks whether it happened, and "no" twice shows on the pair's health.
/// </summary>
public sealed class RevisionLoopTests : IClassFixture<AzuriteFixture>
{
    private const string Request = "more time on system design";
    private const string PrivateRequest = "stop checking your phone (secret-51c2)";

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public RevisionLoopTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private sealed record Setup(BotScenario Bot, MentorshipProgram Program, Pair Pair, string Channel) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Bot.DisposeAsync();
    }

    private async Task<Setup> StartAsync()
    {
        var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        bot.AddPeople(_mia, _max);
        var (channel, program) = await bot.SetUpProgramAsync(_coordinator, "Sales mentoring");
        var pair = await bot.RegisterPairAsync(program, _coordinator, _mia, _max, start: DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime));
        return new Setup(bot, program, pair, channel);
    }

    /// <summary>A meeting an hour ago, on record as discovery leaves it, and its check-in sent.</summary>
    private static async Task MeetAsync(Setup s, string meeting)
    {
        s.Bot.Clock.Advance(TimeSpan.FromMinutes(10));
        var start = s.Bot.Clock.GetUtcNow().AddHours(-1);
        await s.Bot.Host.Services.GetRequiredService<MeetingStore>().TryAddAsync(new Meeting
        {
            TenantId = s.Pair.TenantId,
            ProgramId = s.Pair.ProgramId,
            PairId = s.Pair.PairId,
            MeetingKey = meeting,
            Start = start,
            End = start.AddMinutes(30),
            Source = MeetingSource.Manual,
            DiscoveredAt = start,
        }, default);
        await s.Bot.Host.Services.GetRequiredService<CheckInSender>().SendAsync(s.Pair, s.Program, meeting, start, default);
    }

    private static RecordedConnectorCall CheckInFor(Setup s, TestUser user, string meeting) =>
        s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId))
            .Last(c => c.AdaptiveCards.Any(card => card.ToJsonString().Contains(meeting, StringComparison.Ordinal)));

    private static List<RecordedConnectorCall> PartnerCardsTo(Setup s, TestUser user) =>
        s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId)).Where(c => c.AllText.Contains("'s check-in after your meeting", StringComparison.Ordinal)
            || c.AllText.Contains("answered the check-in", StringComparison.Ordinal)).ToList();

    private static async Task<string> AnswerAsync(
        Setup s, RecordedConnectorCall card, TestUser who, (string Choice, string Words) need, (string Choice, string Words) differently,
        bool keepPrivate = false, params (string Input, string Value)[] followUps)
    {
        var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        data["structure"] = "working";
        (data["needs"], data["needs-what"]) = (need.Choice, need.Words);
        (data["differently"], data["differently-what"]) = (differently.Choice, differently.Words);
        data["private"] = keepPrivate ? "true" : "false";
        foreach (var (input, value) in followUps)
        {
            data[input] = value;
        }

        using var response = await s.Bot.SendAsync(s.Bot.Activities.CardInvoke(card, who, CheckInCard.AnswerVerb, data));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> PairsListAsync(Setup s, TestUser coordinator)
    {
        var ask = s.Bot.Activities.ChannelMessage(s.Channel, s.Channel, coordinator, "pairs");
        using (await s.Bot.SendAsync(ask))
        {
        }

        return s.Bot.Channel.ActivitiesSentTo(ask["conversation"]!["id"]!.GetValue<string>())[^1].AllText;
    }

    [Fact]
    public async Task A_request_reaches_the_partner_is_followed_up_and_no_twice_shows_on_the_health()
    {
        await using var s = await StartAsync();
        var no = ("no", string.Empty);
        var menteeNeed = CheckInCard.FollowUpInput(PairRole.Mentee, RequestKind.Need);
        var mentorDifferently = CheckInCard.FollowUpInput(PairRole.Mentor, RequestKind.Differently);

        // Meeting 1: Max asks for something, openly; Mia asks for something privately.
        await MeetAsync(s, "meeting-1");
        Assert.Contains(CheckInCard.DifferentlyQuestion("Mia Mentor"), CheckInFor(s, _max, "meeting-1").AllText, StringComparison.Ordinal);
        await AnswerAsync(s, CheckInFor(s, _max, "meeting-1"), _max, ("yes", Request), no);
        await AnswerAsync(s, CheckInFor(s, _mia, "meeting-1"), _mia, no, ("yes", PrivateRequest), keepPrivate: true);

        var toMia = Assert.Single(PartnerCardsTo(s, _mia));
        Assert.Contains("Max Mentee's check-in after your meeting", toMia.AllText, StringComparison.Ordinal);
        Assert.Contains($"Max Mentee would like: {Request}", toMia.AllText, StringComparison.Ordinal);
        Assert.Contains(toMia.AdaptiveCards[0]["actions"]!.AsArray(), a => a!["url"]?.GetValue<string>().Contains("teams.microsoft.com/l/chat", StringComparison.Ordinal) == true);
        var toMax = Assert.Single(PartnerCardsTo(s, _max));
        Assert.Contains("Mia Mentor answered the check-in", toMax.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)), c => c.AllText.Contains("secret-51c2", StringComparison.Ordinal));

        // A second press sends the partner nothing more.
        Assert.Contains("already answered", await AnswerAsync(s, CheckInFor(s, _max, "meeting-1"), _max, ("yes", Request), no), StringComparison.Ordinal);
        Assert.Single(PartnerCardsTo(s, _mia));

        // Meeting 2: each is asked about their own request, never the other's.
        await MeetAsync(s, "meeting-2");
        var maxCard = CheckInFor(s, _max, "meeting-2").AllText;
        var miaCard = CheckInFor(s, _mia, "meeting-2").AllText;
        Assert.Contains($"Last time you asked for \"{Request}\" — did it happen?", maxCard, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-51c2", maxCard, StringComparison.Ordinal);
        Assert.Contains($"Last time you asked Max Mentee for \"{PrivateRequest}\" — did it happen?", miaCard, StringComparison.Ordinal);
        Assert.DoesNotContain(Request, miaCard, StringComparison.Ordinal);
        await AnswerAsync(s, CheckInFor(s, _max, "meeting-2"), _max, no, no, followUps: (menteeNeed, "no"));
        await AnswerAsync(s, CheckInFor(s, _mia, "meeting-2"), _mia, no, no, keepPrivate: true, followUps: (mentorDifferently, "no"));
        Assert.DoesNotContain("still open", await PairsListAsync(s, _coordinator), StringComparison.Ordinal);
        Assert.DoesNotContain(await s.Bot.EntitiesAsync("Alerts"), a => a.GetString("Cause") == "checkin-request-open");

        // Meeting 3: "no" a second time.
        await MeetAsync(s, "meeting-3");
        Assert.Contains($"Last time you asked for \"{Request}\"", CheckInFor(s, _max, "meeting-3").AllText, StringComparison.Ordinal);
        await AnswerAsync(s, CheckInFor(s, _max, "meeting-3"), _max, no, no, followUps: (menteeNeed, "no"));
        await AnswerAsync(s, CheckInFor(s, _mia, "meeting-3"), _mia, no, no, keepPrivate: true, followUps: (mentorDifferently, "no"));

        var list = await PairsListAsync(s, _coordinator);
        // Both requests are stuck; the health names one, and a private one without its words.
        Assert.True(list.Contains("Needs attention — a request from Mia Mentor still open after two meetings", StringComparison.Ordinal), list);
        Assert.DoesNotContain("secret-51c2", list, StringComparison.Ordinal);
        // Mia's "could do differently" raised one gentle alert for the coordinators; a need does not.
        var alert = Assert.Single(await s.Bot.EntitiesAsync("Alerts"), a => a.GetString("Cause") == "checkin-request-open");
        Assert.Contains("Something Mia Mentor asked Max Mentee to do differently has not happened after two meetings", alert.GetString("Alert"), StringComparison.Ordinal);
    }

    /// <summary>The pair's next meeting, the day after tomorrow at 15:00 UTC, found as discovery finds it: stored and its note planned.</summary>
    private static async Task<Meeting> NextMeetingFoundAsync(Setup s, string key)
    {
        var start = new DateTimeOffset(s.Bot.Clock.GetUtcNow().UtcDateTime.Date.AddDays(2).AddHours(15), TimeSpan.Zero);
        var meeting = new Meeting
        {
            TenantId = s.Pair.TenantId,
            ProgramId = s.Pair.ProgramId,
            PairId = s.Pair.PairId,
            MeetingKey = key,
            Start = start,
            End = start.AddMinutes(30),
            Source = MeetingSource.Calendar,
            DiscoveredAt = s.Bot.Clock.GetUtcNow(),
        };
        await s.Bot.Host.Services.GetRequiredService<MeetingStore>().TryAddAsync(meeting, default);
        await PlanNoteAsync(s, meeting);
        return meeting;
    }

    private static Task<bool> PlanNoteAsync(Setup s, Meeting meeting) =>
        s.Bot.Host.Services.GetRequiredService<MentorBot.Infrastructure.Jobs.JobStore>().ScheduleAsync(PreMeetingNoteJob.For(meeting, s.Bot.Clock.GetUtcNow())!, default);

    /// <summary>Runs the jobs hour by hour up to half an hour before the meeting.</summary>
    private static async Task UntilJustBeforeAsync(Setup s, Meeting meeting)
    {
        var until = meeting.Start.AddMinutes(-30);
        while (s.Bot.Clock.GetUtcNow() < until)
        {
            await s.Bot.RunJobsAsync();
            var now = s.Bot.Clock.GetUtcNow();
            s.Bot.Clock.Advance(now.AddHours(1) < until ? TimeSpan.FromHours(1) : until - now);
        }

        await s.Bot.RunJobsAsync();
    }

    private static List<RecordedConnectorCall> NotesTo(Setup s, TestUser user) =>
        s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId)).Where(c => c.AllText.Contains("Before your meeting with", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Before_the_next_meeting_each_party_gets_one_note_with_what_was_asked_openly_and_never_a_second()
    {
        await using var s = await StartAsync();
        var no = ("no", string.Empty);
        await MeetAsync(s, "meeting-1");
        await AnswerAsync(s, CheckInFor(s, _max, "meeting-1"), _max, ("yes", Request), no);
        await AnswerAsync(s, CheckInFor(s, _mia, "meeting-1"), _mia, no, ("yes", PrivateRequest), keepPrivate: true);

        var next = await NextMeetingFoundAsync(s, "meeting-2");
        await UntilJustBeforeAsync(s, next);
        // Found again by the next scan, and every job run again: nothing more.
        await PlanNoteAsync(s, next);
        await s.Bot.RunJobsAsync();

        var toMax = Assert.Single(NotesTo(s, _max));
        var toMia = Assert.Single(NotesTo(s, _mia));
        Assert.Contains("Before your meeting with Mia Mentor", toMax.AllText, StringComparison.Ordinal);
        Assert.Contains("Before your meeting with Max Mentee", toMia.AllText, StringComparison.Ordinal);
        Assert.Contains(Request, toMax.AllText, StringComparison.Ordinal);
        Assert.Contains(Request, toMia.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-51c2", toMax.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-51c2", toMia.AllText, StringComparison.Ordinal);
        Assert.Contains("To open the conversation", toMax.AllText, StringComparison.Ordinal);
        // Sent on the meeting's day, before it starts.
        Assert.Equal(next.Start.UtcDateTime.Date, toMax.ReceivedAt.UtcDateTime.Date);
        Assert.True(toMax.ReceivedAt < next.Start);
    }

    [Fact]
    public async Task No_note_comes_for_a_cancelled_meeting_or_when_there_is_nothing_new()
    {
        await using var s = await StartAsync();
        var quiet = await NextMeetingFoundAsync(s, "meeting-quiet");
        await UntilJustBeforeAsync(s, quiet);
        Assert.Empty(NotesTo(s, _max));

        await MeetAsync(s, "meeting-1");
        await AnswerAsync(s, CheckInFor(s, _max, "meeting-1"), _max, ("yes", Request), ("no", string.Empty));
        var cancelled = await NextMeetingFoundAsync(s, "meeting-cancelled");
        var meetings = s.Bot.Host.Services.GetRequiredService<MeetingStore>();
        var entry = (await meetings.GetEntryAsync(s.Pair.TenantId, s.Pair.PairId, cancelled.MeetingKey, default))!.Value;
        await meetings.TryUpdateAsync(entry.Meeting with { Status = MeetingStatus.Cancelled }, entry.ETag, default);
        await UntilJustBeforeAsync(s, cancelled);

        Assert.Empty(NotesTo(s, _max));
        Assert.Empty(NotesTo(s, _mia));
    }

    [Fact]
    public async Task Yes_without_words_is_refused_and_nothing_is_recorded()
    {
        await using var s = await StartAsync();
        await MeetAsync(s, "meeting-1");

        var answer = await AnswerAsync(s, CheckInFor(s, _max, "meeting-1"), _max, ("yes", "   "), ("no", string.Empty));

        Assert.Contains("add a few words", answer, StringComparison.Ordinal);
        Assert.Empty(await s.Bot.EntitiesAsync("CheckIns"));
        Assert.Empty(PartnerCardsTo(s, _mia));
    }

    [Fact]
    public async Task Answers_stored_on_the_old_scale_are_rewritten_in_the_new_shape()
    {
        await using var s = await StartAsync();
        var table = s.Bot.Host.Services.GetRequiredService<MentorBot.Infrastructure.Storage.TableStorage>().Table(MentorBot.Infrastructure.Storage.TableNames.CheckIns);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(MentorBot.Infrastructure.Storage.TableKey.Escape($"{s.Pair.TenantId}|{s.Pair.PairId}"), "old|mentee")
        {
            ["Answer"] = $$"""{"TenantId":"{{s.Pair.TenantId}}","PairId":"{{s.Pair.PairId}}","MeetingKey":"old","PersonId":"{{_max.AadObjectId}}","Role":"mentee","Structure":0,"Needs":1,"Differently":0,"AnsweredAt":"2026-01-05T10:00:00+00:00"}""",
            ["Role"] = "mentee",
        });

        var migrated = await s.Bot.Host.Services.GetServices<MentorBot.Infrastructure.Jobs.IJobHandler>().OfType<CheckInAnswersMigration>().Single().MigrateAsync(default);

        Assert.True(migrated >= 1);
        var row = Assert.Single(await s.Bot.EntitiesAsync("CheckIns"));
        Assert.Equal(CheckInAnswerShape.Current, row.GetInt32(CheckInAnswerShape.ShapeProperty));
        Assert.DoesNotContain("\"Needs\"", row.GetString("Answer"), StringComparison.Ordinal);
        var stored = Assert.Single(await s.Bot.Host.Services.GetRequiredService<CheckInStore>().ForPairAsync(s.Pair.TenantId, s.Pair.PairId, default));
        Assert.NotNull(stored.Need);
        Assert.Null(stored.Differently);
        Assert.Equal(0, await s.Bot.Host.Services.GetServices<MentorBot.Infrastructure.Jobs.IJobHandler>().OfType<CheckInAnswersMigration>().Single().MigrateAsync(default));
    }
}
