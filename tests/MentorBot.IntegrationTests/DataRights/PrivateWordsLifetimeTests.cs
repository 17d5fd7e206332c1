using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Conversations;
using MentorBot.Features.DataRights;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Storage;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.DataRights;

public sealed class PrivateWordsLifetimeTests : IClassFixture<AzuriteFixture>
{
    private static readonly string[] MenteeCanaries =
    [
        PairLifeScenario.CheckInCanary, PairLifeScenario.MidpointCanary, PairLifeScenario.RematchCanary, PairLifeScenario.GainedCanary, PairLifeScenario.DifferentlyCanary,
    ];

    private readonly AzuriteFixture _azurite;

    public PrivateWordsLifetimeTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task After_the_mentee_is_erased_no_table_holds_her_words_ids_or_addresses_and_the_mentors_other_pair_is_untouched()
    {
        await using var s = await PairLifeScenario.StartAsync(_azurite);
        await s.LiveAsync();
        var before = await s.EverythingStoredAsync();
        Assert.All(MenteeCanaries, c => Assert.Contains(before, r => r.Text.Contains(c, StringComparison.Ordinal)));

        Assert.Contains("was erased", await s.EraseAsync(s.Mentee), StringComparison.Ordinal);

        var after = await s.EverythingStoredAsync();
        foreach (var trace in MenteeCanaries.Concat(PairLifeScenario.TracesOf(s.Mentee)).Append(s.Pair.PairId))
        {
            var left = after.Where(r => r.Text.Contains(trace, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(left.Count == 0, $"{trace} is still in {string.Join("; ", left.Select(r => r.Table + ": " + r.Text.Replace('\n', ' ')))}");
        }

        // The mentor's other pair, its check-in and the mentor herself are still there.
        Assert.Contains(after, r => r.Table == TableNames.Pairs && r.Text.Contains(s.OtherPair.PairId, StringComparison.Ordinal));
        Assert.Contains(after, r => r.Table == TableNames.CheckIns && r.Text.Contains(PairLifeScenario.OtherPairCanary, StringComparison.Ordinal));
        Assert.Contains(after, r => r.Table == TableNames.PairMembers && r.Text.Contains(s.Mentor.AadObjectId, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task After_retention_removes_the_closed_pair_nothing_of_it_remains_and_the_other_pair_is_untouched()
    {
        await using var s = await PairLifeScenario.StartAsync(_azurite);
        await s.LiveAsync();
        Assert.True(s.Pair.IsClosed);
        // What the closure set off (suggestions for the coordinator) runs long before the pair is due for retention.
        await s.Bot.RunJobsAsync();
        var store = s.Bot.Host.Services.GetRequiredService<PairStore>();
        var (closed, etag) = (await store.GetAsync(s.Pair.TenantId, s.Pair.ProgramId, s.Pair.PairId, default))!.Value;
        await store.UpdateAsync(closed with { ClosedAt = s.Bot.Clock.GetUtcNow().AddDays(-RetentionSettings.DefaultClosedPairDays - 1) }, etag, default);

        s.Bot.Clock.Advance(TimeSpan.FromDays(1));
        await s.Bot.RunJobsAsync();

        var after = await s.EverythingStoredAsync();
        foreach (var trace in MenteeCanaries.Append(s.Pair.PairId))
        {
            var left = after.Where(r => r.Text.Contains(trace, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(left.Count == 0, $"{trace} is still in {string.Join("; ", left.Select(r => r.Table + ": " + r.Text.Replace('\n', ' ')))}");
        }

        Assert.Contains(after, r => r.Table == TableNames.Pairs && r.Text.Contains(s.OtherPair.PairId, StringComparison.Ordinal));
        Assert.Contains(after, r => r.Table == TableNames.CheckIns && r.Text.Contains(PairLifeScenario.OtherPairCanary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erase_of_a_word_or_of_the_tenant_id_is_refused_and_removes_nothing()
    {
        await using var s = await PairLifeScenario.StartAsync(_azurite);
        await s.LiveAsync();
        var before = await CountsAsync(s);

        foreach (var typed in new[] { "the", BotScenario.TenantId, Guid.NewGuid().ToString() })
        {
            using var response = await s.Bot.SendAsync(s.Bot.Activities.ChannelMessage(s.Channel, s.Channel, s.Coordinator, $"erase {typed}"));
            response.EnsureSuccessStatusCode();
            Assert.Contains("Nothing was erased", s.Bot.Channel.ActivitiesSentTo(s.Channel)[^1].AllText, StringComparison.Ordinal);
        }

        // A confirmation card made for a real person, its data changed to name a word or the tenant: still nothing.
        using (var typed = await s.Bot.SendAsync(s.Bot.Activities.ChannelMessage(s.Channel, s.Channel, s.Coordinator, $"erase {s.Other.Upn}")))
        {
            typed.EnsureSuccessStatusCode();
        }

        var confirm = s.Bot.Channel.ActivitiesSentTo(s.Channel)[^1];
        foreach (var forged in new[] { "the", BotScenario.TenantId, s.Program.ProgramId })
        {
            var data = (JsonObject)confirm.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
            data["person"] = forged;
            data["request"] = Guid.NewGuid().ToString("N");
            using var pressed = await s.Bot.SendAsync(s.Bot.Activities.CardInvoke(confirm, s.Coordinator, DataRightsCards.EraseVerb, data));
            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
            Assert.Contains("Nothing was erased", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await CountsAsync(s));
    }

    [Fact]
    public async Task An_invokes_first_answer_is_kept_only_for_the_redelivery_window_and_the_ledger_keeps_ids()
    {
        await using var s = await PairLifeScenario.StartAsync(_azurite);
        var invoke = s.Bot.Activities.CardInvoke(s.Bot.Activities.PersonalMessage(s.Mentee, "x"), s.Mentee, "no.such.verb", []);

        string first;
        using (var response = await s.Bot.SendAsync(invoke))
        {
            first = await response.Content.ReadAsStringAsync();
        }

        using (var again = await s.Bot.SendAsync(invoke))
        {
            Assert.Equal(first, await again.Content.ReadAsStringAsync());
        }

        string[] idsAndStatus = ["PartitionKey", "RowKey", "Timestamp", "odata.etag", "Status", "ClaimedAt", "AnswerBucket", "AnswerKeptBeside"];
        var rows = await s.Bot.EntitiesAsync(TableNames.InboundActivities);
        Assert.All(rows.Where(r => !IsAnswer(r)), row => Assert.Empty(row.Keys.Except(idsAndStatus)));
        Assert.Single(rows, IsAnswer);

        s.Bot.Clock.Advance(TimeSpan.FromMinutes(30));
        await s.Bot.RunJobsAsync();

        Assert.DoesNotContain(await s.Bot.EntitiesAsync(TableNames.InboundActivities), IsAnswer);
        using var late = await s.Bot.SendAsync(invoke);
        using var body = JsonDocument.Parse(await late.Content.ReadAsStringAsync());
        Assert.Equal("Already done.", body.RootElement.GetProperty("value").GetString());
    }

    private static bool IsAnswer(Azure.Data.Tables.TableEntity row) => row.RowKey.StartsWith(ActivityRecords.AnswerPrefix, StringComparison.Ordinal);

    [Fact]
    public async Task The_ledger_keeps_an_activitys_ids_for_a_day_then_retention_removes_them()
    {
        await using var s = await PairLifeScenario.StartAsync(_azurite);
        var chat = s.Bot.Activities.PersonalMessage(s.Mentee, "x");
        var old = s.Bot.Activities.CardInvoke(chat, s.Mentee, "no.such.verb", []);
        (await s.Bot.SendAsync(old)).Dispose();
        s.Bot.Clock.Advance(TimeSpan.FromHours(30));
        var recent = s.Bot.Activities.CardInvoke(chat, s.Mentee, "no.such.verb", []);
        (await s.Bot.SendAsync(recent)).Dispose();
        static bool Holds(IEnumerable<Azure.Data.Tables.TableEntity> rows, JsonObject activity) =>
            rows.Any(r => r.RowKey == InboundActivityLedger.Key((string)activity["conversation"]!["id"]!, (string)activity["id"]!));
        Assert.True(Holds(await s.Bot.EntitiesAsync(TableNames.InboundActivities), old));

        // The daily retention run (due again after the day that passed).
        await s.Bot.RunJobsAsync();

        var ledger = await s.Bot.EntitiesAsync(TableNames.InboundActivities);
        Assert.False(Holds(ledger, old), "the ledger still names an activity of 30 hours ago");
        Assert.True(Holds(ledger, recent), "the ledger lost an activity of this hour, so its redelivery would count twice");
    }

    [Fact]
    public async Task A_sent_outbox_message_keeps_its_key_and_status_but_not_its_words()
    {
        await using var s = await PairLifeScenario.StartAsync(_azurite);
        await s.LiveAsync();

        var outbox = await s.Bot.EntitiesAsync(TableNames.Outbox);
        Assert.Contains(outbox, r => r.GetString("Status") == "sent");
        Assert.All(outbox.Where(r => r.GetString("Status") == "sent"), r => Assert.False(r.ContainsKey("Message")));

        // A person's message went to their personal chat, which the row does not name (so neither does the row index).
        var toPeople = outbox.Where(r => r.GetString("Status") == "sent" && !TableKey.Unescape(r.PartitionKey).Contains("|conversation:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(toPeople);
        Assert.All(toPeople, r => Assert.Null(r.GetString("ConversationId")));
        var index = s.Bot.Host.Services.GetRequiredService<TableStorage>().Index;
        var chats = new[] { s.Mentee, s.Mentor }.Select(u => ConversationIds.Personal(u.TeamsId));
        Assert.DoesNotContain(await index.RowsNamingAsync(chats, default), r => r.Table == TableNames.Outbox);
    }

    [Fact]
    public async Task My_data_for_the_partner_holds_none_of_the_mentees_private_words_or_addresses_nor_who_asked_for_the_rematch()
    {
        await using var s = await PairLifeScenario.StartAsync(_azurite);
        await s.LiveAsync();

        // The mentor's own closure reflection is still open and would take "my data" as an answer.
        await s.SayAsync(s.Mentor, "cancel");
        using (var asked = await s.Bot.SendAsync(s.Bot.Activities.PersonalMessage(s.Mentor, "my data")))
        {
            asked.EnsureSuccessStatusCode();
        }

        var sent = s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(s.Mentor.TeamsId));
        var card = sent.LastOrDefault(c => c.AllText.Contains("Download my data", StringComparison.Ordinal));
        Assert.True(card is not null, "no my-data card; last message: " + sent[^1].AllText);
        var link = card.AdaptiveCards[0]["actions"]![0]!["url"]!.GetValue<string>();
        s.Bot.Channel.AddMember(s.Mentor, BotScenario.TenantId);
        using var download = await s.Bot.Browser(s.Mentor).OpenAsync(new Uri(link));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var json = await download.Content.ReadAsStringAsync();

        Assert.Contains(s.Pair.PairId, json, StringComparison.Ordinal);
        Assert.Contains("Max Mentee", json, StringComparison.Ordinal);
        foreach (var secret in MenteeCanaries.Concat([s.Mentee.Upn, s.Mentee.Email, Uri.EscapeDataString(s.Mentee.Upn), "rematch"]))
        {
            Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task<string> CountsAsync(PairLifeScenario s)
    {
        var counts = new List<string>();
        // The row index mirrors the ledger and job rows these very messages write, so it changes with them.
        foreach (var table in TableNames.All.Except([TableNames.InboundActivities, TableNames.InvokeAnswers, TableNames.ConversationReferences, TableNames.SendLedger, TableNames.Jobs, TableNames.RowIndex]))
        {
            counts.Add($"{table}={(await s.Bot.EntitiesAsync(table)).Count}");
        }

        return string.Join(", ", counts);
    }
}
