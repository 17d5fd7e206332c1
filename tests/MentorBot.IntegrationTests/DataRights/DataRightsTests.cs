using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Features.CheckIns;
using MentorBot.Features.DataRights;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Rematch;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Protocol.Schema;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.DataRights;

public sealed class DataRightsTests : IClassFixture<AzuriteFixture>
{
    private const string OwnSecret = "max-own-private-note-41c9";
    private const string PartnerSecret = "mia-partner-private-note-8d2e";
    private const string PartnerRematch = "mia-rematch-reason-5b7a";
    private const string OtherPairSecret = "ann-other-pair-note-3f11";

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");
    private readonly TestUser _ann = TestUser.Create("Ann Mentor");
    private readonly TestUser _bob = TestUser.Create("Bob Mentee");

    public DataRightsTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private sealed record Setup(BotScenario Bot, MentorshipProgram Program, Pair Pair, Pair OtherPair, string Channel) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Bot.DisposeAsync();
    }

    [Fact]
    public async Task My_data_holds_my_records_and_nobody_elses()
    {
        await using var s = await StartAsync(withDownloads: true);
        await SeedAsync(s);
        Assert.NotEmpty(await s.Bot.EntitiesAsync(TableNames.Alerts));

        await SendAsync(s.Bot, s.Bot.Activities.PersonalMessage(_max, "my data"));

        var link = s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId))[^1].AdaptiveCards[0]["actions"]![0]!["url"]!.GetValue<string>();
        Assert.StartsWith("https://mentorbot.example.com/downloads/", link, StringComparison.Ordinal);
        // Downloaded as Max would: signed in with Entra. Mia, Max's partner, is refused the same link.
        s.Bot.Channel.AddMember(_mia, BotScenario.TenantId);
        using (var partners = await s.Bot.Browser(_mia).OpenAsync(new Uri(link)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, partners.StatusCode);
        }

        s.Bot.Channel.AddMember(_max, BotScenario.TenantId);
        using var mine = await s.Bot.Browser(_max).OpenAsync(new Uri(link));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("application/json", mine.Content.Headers.ContentType!.MediaType);
        var json = await mine.Content.ReadAsStringAsync();
        var tables = JsonNode.Parse(json)!["tables"]!.AsObject();
        Assert.Contains(OwnSecret, json, StringComparison.Ordinal);
        Assert.Contains(s.Pair.PairId, json, StringComparison.Ordinal);
        Assert.True(tables.ContainsKey(TableNames.Pairs));
        Assert.True(tables.ContainsKey(TableNames.CheckIns));
        Assert.Single(tables[TableNames.CheckIns]!.AsArray());
        Assert.DoesNotContain(PartnerSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(PartnerRematch, json, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherPairSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(s.OtherPair.PairId, json, StringComparison.Ordinal);
        Assert.DoesNotContain(_ann.AadObjectId, json, StringComparison.OrdinalIgnoreCase);
        Assert.False(tables.ContainsKey(TableNames.Alerts));
        Assert.False(tables.ContainsKey(TableNames.RematchRequests));
        foreach (var alert in await s.Bot.EntitiesAsync(TableNames.Alerts))
        {
            Assert.DoesNotContain(TableKey.Unescape(alert.RowKey), json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_downloads_my_data_gives_the_counts()
    {
        await using var s = await StartAsync(withDownloads: false);

        await SendAsync(s.Bot, s.Bot.Activities.PersonalMessage(_max, "my data"));

        var text = s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId))[^1].AllText;
        Assert.Contains("not enabled", text, StringComparison.Ordinal);
        Assert.Contains($"{TableNames.PairMembers}: 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_is_confirmed_removes_every_row_naming_the_person_once_and_only_for_coordinators()
    {
        await using var s = await StartAsync(withDownloads: true);
        await SeedAsync(s);
        Assert.NotEmpty(await RowsNamingAsync(s.Bot, _max));

        await SendAsync(s.Bot, s.Bot.Activities.ChannelMessage(s.Channel, s.Channel, _mia, $"erase {_max.Upn}"));
        Assert.Contains("Only program coordinators", s.Bot.Channel.ActivitiesSentTo(s.Channel)[^1].AllText, StringComparison.Ordinal);

        await SendAsync(s.Bot, s.Bot.Activities.ChannelMessage(s.Channel, s.Channel, _coordinator, $"erase {_max.Upn}"));
        var confirm = s.Bot.Channel.ActivitiesSentTo(s.Channel)[^1];
        var cardText = confirm.AllText;
        Assert.Contains("Erase Max Mentee?", cardText, StringComparison.Ordinal);
        Assert.Contains(TableNames.CheckIns, cardText, StringComparison.Ordinal);
        var data = (JsonObject)confirm.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();

        var refused = await PressAsync(s.Bot, confirm, _mia, data);
        Assert.Contains("Only program coordinators", refused, StringComparison.Ordinal);
        Assert.NotEmpty(await RowsNamingAsync(s.Bot, _max));

        var done = await PressAsync(s.Bot, confirm, _coordinator, data);
        Assert.Contains("Max Mentee was erased", done, StringComparison.Ordinal);
        Assert.Empty(await RowsNamingAsync(s.Bot, _max));
        Assert.Empty(await PairRowsAsync(s.Bot, s.Pair.PairId));
        Assert.NotEmpty(await PairRowsAsync(s.Bot, s.OtherPair.PairId));
        Assert.NotEmpty(await RowsNamingAsync(s.Bot, _ann));

        var again = await PressAsync(s.Bot, confirm, _coordinator, data);
        Assert.Contains("already erased", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_removes_the_person_s_redelivery_ledger_reply_on_its_way_pending_jobs_and_invoke_answers_though_the_row_index_does_not_keep_them()
    {
        await using var s = await StartAsync(withDownloads: false);
        await SeedAsync(s);
        var maxChat = InboundActivityLedger.ConversationRange(ConversationIds.Personal(_max.TeamsId)).Start;
        var reply = Activity.CreateMessage("Back to your questions, Max");
        reply.Recipient = new ChannelAccount { Id = _max.TeamsId, AadObjectId = _max.AadObjectId };
        var pending = new PendingReplies(ConversationIds.Personal(_max.TeamsId) + "|1:on-its-way", s.Bot.Channel.ServiceUrl, ConversationIds.Personal(_max.TeamsId),
            [new PendingMessage(null, reply)]);
        await s.Bot.Host.Services.GetRequiredService<PendingReplyStore>().SaveAsync(pending, default);
        // Work scheduled for later that names him (pending jobs are not indexed either).
        await s.Bot.Host.Services.GetRequiredService<JobStore>().ScheduleAsync(new Job("test.later", "for-max", s.Bot.Clock.GetUtcNow().AddDays(3))
        {
            Data = new Dictionary<string, string> { ["person"] = _max.AadObjectId },
        }, default);
        Assert.Contains(await s.Bot.EntitiesAsync(TableNames.InboundActivities), r => r.RowKey.StartsWith(maxChat, StringComparison.Ordinal));
        Assert.Contains(await s.Bot.EntitiesAsync(TableNames.InboundActivities), r => r.RowKey.StartsWith(ActivityRecords.AnswerPrefix, StringComparison.Ordinal));
        // None of these rows is listed in the index: erase must find them by their keys.
        var indexed = (await s.Bot.EntitiesAsync(TableNames.RowIndex)).Select(e => e.GetString("Row") ?? string.Empty).ToList();
        Assert.NotEmpty(indexed);
        Assert.DoesNotContain(indexed, row => row.StartsWith(TableNames.InboundActivities + "|", StringComparison.Ordinal)
            || row.StartsWith(TableNames.InvokeAnswers + "|", StringComparison.Ordinal) || row.StartsWith(TableNames.Outbox + "|turns|", StringComparison.Ordinal)
            || row.StartsWith(TableNames.Jobs + "|pending|", StringComparison.Ordinal));

        await SendAsync(s.Bot, s.Bot.Activities.ChannelMessage(s.Channel, s.Channel, _coordinator, $"erase {_max.Upn}"));
        var confirm = s.Bot.Channel.ActivitiesSentTo(s.Channel)[^1];
        var done = await PressAsync(s.Bot, confirm, _coordinator, (JsonObject)confirm.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone());

        Assert.Contains("Max Mentee was erased", done, StringComparison.Ordinal);
        Assert.DoesNotContain(await s.Bot.EntitiesAsync(TableNames.InboundActivities), r => r.RowKey.StartsWith(maxChat, StringComparison.Ordinal));
        Assert.DoesNotContain(await s.Bot.EntitiesAsync(TableNames.InboundActivities), r => r.RowKey.StartsWith(ActivityRecords.TurnPrefix, StringComparison.Ordinal)
            && r.Any(p => p.Value is string text && text.Contains(_max.AadObjectId, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(await s.Bot.EntitiesAsync(TableNames.Jobs), r => r.PartitionKey == "pending"
            && r.Any(p => p.Value is string text && text.Contains(_max.AadObjectId, StringComparison.OrdinalIgnoreCase)));
        // Only the coordinator's own erase press may have left its answer since.
        Assert.DoesNotContain(await s.Bot.EntitiesAsync(TableNames.InboundActivities), r => r.GetString("Answer")?.Contains("Max", StringComparison.Ordinal) == true && !r.RowKey.Contains(s.Channel, StringComparison.Ordinal));
        Assert.Empty(await RowsNamingAsync(s.Bot, _max));
    }

    [Fact]
    public async Task Retention_removes_a_pair_closed_long_ago_and_keeps_a_recent_one()
    {
        await using var s = await StartAsync(withDownloads: false);
        await SeedAsync(s);
        var now = s.Bot.Clock.GetUtcNow();
        await CloseAsync(s.Bot, s.Pair, now.AddDays(-RetentionSettings.DefaultClosedPairDays - 5));
        await CloseAsync(s.Bot, s.OtherPair, now.AddDays(-30));
        Assert.Contains(await s.Bot.EntitiesAsync(TableNames.Jobs), j => j.GetString("Kind") == RetentionJob.JobKind);

        await s.Bot.RunJobsAsync();

        Assert.Empty(await PairRowsAsync(s.Bot, s.Pair.PairId));
        var kept = await PairRowsAsync(s.Bot, s.OtherPair.PairId);
        Assert.Contains(kept, r => r.Table == TableNames.Pairs);
        Assert.Contains(kept, r => r.Table == TableNames.CheckIns);
        Assert.Contains(await s.Bot.EntitiesAsync(TableNames.Jobs), j => j.GetString("Kind") == RetentionJob.JobKind && j.GetDateTimeOffset("DueAt") > now);
    }

    [Fact]
    public async Task The_daily_retention_run_removes_expired_downloads_and_keeps_live_ones()
    {
        await using var s = await StartAsync(withDownloads: false);
        var downloads = s.Bot.Host.Services.GetRequiredService<MentorBot.Features.Reports.Downloads.DownloadStore>();
        await downloads.IssueAsync(BotScenario.TenantId, "owner-1", "old.csv", "text/csv", "a,b", default);
        s.Bot.Clock.Advance(TimeSpan.FromMinutes(20));
        var live = await downloads.IssueAsync(BotScenario.TenantId, "owner-1", "live.csv", "text/csv", "c,d", default);

        Assert.Equal(1, await downloads.DeleteExpiredAsync(default));
        Assert.NotNull(await downloads.FindAsync(live, default));

        // The daily retention job does the same.
        s.Bot.Clock.Advance(TimeSpan.FromDays(1));
        await s.Bot.RunJobsAsync();
        Assert.Empty(await s.Bot.EntitiesAsync(TableNames.ReportDownloads));
    }

    private async Task<Setup> StartAsync(bool withDownloads)
    {
        var settings = new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId };
        if (withDownloads)
        {
            settings["Reports:PublicBaseUrl"] = "https://mentorbot.example.com/";
        }

        var bot = await BotScenario.StartAsync(_azurite, services => services.AddDataRights(), settings);
        bot.AddPeople(_mia, _max, _ann, _bob);
        var (channel, program) = await bot.SetUpProgramAsync(_coordinator, "Sales mentoring");
        var pair = await bot.RegisterPairAsync(program, _coordinator, _mia, _max, start: new DateOnly(2027, 1, 4));
        var other = await bot.RegisterPairAsync(program, _coordinator, _ann, _bob, start: new DateOnly(2027, 1, 4));
        return new Setup(bot, program, pair, other, channel);
    }

    /// <summary>Private check-ins in both pairs (each raises an alert), and a rematch request by Max's partner.</summary>
    private async Task SeedAsync(Setup s)
    {
        var sender = s.Bot.Host.Services.GetRequiredService<CheckInSender>();
        var at = new DateTimeOffset(2027, 1, 11, 10, 0, 0, TimeSpan.Zero);
        await s.Bot.RecordMeetingAsync(s.Pair, "meeting-1");
        await s.Bot.RecordMeetingAsync(s.OtherPair, "meeting-2");
        await sender.SendAsync(s.Pair, s.Program, "meeting-1", at, default);
        await sender.SendAsync(s.OtherPair, s.Program, "meeting-2", at, default);
        await AnswerCheckInAsync(s.Bot, _max, "meeting-1", OwnSecret);
        await AnswerCheckInAsync(s.Bot, _mia, "meeting-1", PartnerSecret);
        await AnswerCheckInAsync(s.Bot, _ann, "meeting-2", OtherPairSecret);
        await s.Bot.Host.Services.GetRequiredService<RematchRequestStore>().TryAddAsync(new RematchRequest
        {
            TenantId = s.Pair.TenantId, ProgramId = s.Pair.ProgramId, PairId = s.Pair.PairId, RequestId = "request-1",
            RequesterId = _mia.AadObjectId, RequesterName = _mia.Name, Role = PairRole.Mentor, PairDescription = s.Pair.Description,
            Category = "other", Details = PartnerRematch, Urgency = "soon", RequestedAt = s.Bot.Clock.GetUtcNow(),
        }, default);
    }

    private static async Task AnswerCheckInAsync(BotScenario bot, TestUser who, string meeting, string note)
    {
        var card = bot.Channel.ActivitiesSentTo(ConversationIds.Personal(who.TeamsId))
            .Last(c => c.AdaptiveCards.Any(a => a.ToJsonString().Contains(meeting, StringComparison.Ordinal)));
        var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        data["structure"] = "not";
        data["needs"] = "no";
        data["differently"] = "no";
        data["note"] = note;
        data["private"] = "true";
        data["help"] = "false";
        using var response = await bot.SendAsync(bot.Activities.CardInvoke(card, who, CheckInCard.AnswerVerb, data));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<string> PressAsync(BotScenario bot, RecordedConnectorCall card, TestUser who, JsonObject data)
    {
        using var response = await bot.SendAsync(bot.Activities.CardInvoke(card, who, DataRightsCards.EraseVerb, (JsonObject)data.DeepClone()));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task SendAsync(BotScenario bot, JsonObject activity)
    {
        using var response = await bot.SendAsync(activity);
        response.EnsureSuccessStatusCode();
    }

    private static async Task CloseAsync(BotScenario bot, Pair pair, DateTimeOffset closedAt)
    {
        var store = bot.Host.Services.GetRequiredService<PairStore>();
        var (current, etag) = (await store.GetAsync(pair.TenantId, pair.ProgramId, pair.PairId, default))!.Value;
        await store.UpdateAsync(current with { Stage = PairStage.Closed, ClosedAt = closedAt, ClosedReason = "completed" }, etag, default);
    }

    /// <summary>Every row in every table whose keys or text name the person (object id or UPN).</summary>
    private static async Task<List<(string Table, TableEntity Row)>> RowsNamingAsync(BotScenario bot, TestUser user)
    {
        var found = new List<(string, TableEntity)>();
        foreach (var table in TableNames.All)
        {
            foreach (var row in await bot.EntitiesAsync(table))
            {
                var text = string.Join("\n", row.Select(p => p.Key is "PartitionKey" or "RowKey" ? TableKey.Unescape((string)p.Value) : p.Value?.ToString()));
                if (text.Contains(user.AadObjectId, StringComparison.OrdinalIgnoreCase) || text.Contains(user.Upn, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add((table, row));
                }
            }
        }

        return found;
    }

    /// <summary>Every row a table rule places in the pair.</summary>
    private static async Task<List<(string Table, TableEntity Row)>> PairRowsAsync(BotScenario bot, string pairId)
    {
        var found = new List<(string, TableEntity)>();
        foreach (var rule in TableRules.All)
        {
            found.AddRange((await bot.EntitiesAsync(rule.Table)).Where(r => rule.Pair(r) == pairId).Select(r => (rule.Table, r)));
        }

        return found;
    }
}
