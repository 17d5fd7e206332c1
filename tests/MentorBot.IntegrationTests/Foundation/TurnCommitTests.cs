using Azure;
using Azure.Core;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Schema;
using MentorBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>
/// A turn's commit (issue 17 item 5, "combine rows that share a partition"), against Azurite: the mark "handled", the
/// turn's replies on their way and an invoke's first answer are one transaction of the ledger's partition; retention of
/// the ledger leaves the replies alone; answers and replies kept where they were before the move are still found.
/// </summary>
public sealed class TurnCommitTests : IClassFixture<AzuriteFixture>
{
    private const string Chat = "a:1turnCommitChat";

    private readonly AzuriteFixture _azurite;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public TurnCommitTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task The_mark_the_replies_and_the_answer_are_one_request_and_a_redelivery_gets_the_answer()
    {
        var s = await NewAsync();
        var claim = await s.Ledger.ClaimAsync(Chat, "1:pressed", default);
        // The bucket's removal is scheduled the first time this instance keeps an answer in it: not what is counted here.
        await s.Answers.PrepareAsync(Chat, "1:warm-up", "{}", default);

        var before = s.Requests.Count;
        await s.Ledger.CompleteAsync(claim, """{"status":200,"body":"Thanks, Max"}""", Replies("1:pressed"), default);

        Assert.Equal(1, s.Requests.Count - before);
        var rows = await s.Table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Contains(rows, r => r.RowKey == PendingReplyStore.RowKeyOf(Chat + "|1:pressed"));
        Assert.Contains(rows, r => r.RowKey.StartsWith(ActivityRecords.AnswerPrefix, StringComparison.Ordinal) && r.GetString("Answer")!.Contains("Thanks, Max", StringComparison.Ordinal));
        var redelivery = await s.Ledger.ClaimAsync(Chat, "1:pressed", default);
        Assert.True(redelivery.IsDuplicate);
        Assert.Contains("Thanks, Max", redelivery.PreviousInvokeResponseJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replies_are_not_kept_for_a_turn_whose_mark_fails()
    {
        var s = await NewAsync();
        var claim = await s.Ledger.ClaimAsync(Chat, "1:lost", default);
        // The claim is gone (given back after a failure elsewhere): the mark cannot be written, so nothing of the turn may be.
        await s.Table.DeleteEntityAsync(ActivityRecords.Partition, InboundActivityLedger.Key(Chat, "1:lost"), ETag.All);

        await Assert.ThrowsAnyAsync<RequestFailedException>(() => s.Ledger.CompleteAsync(claim, """{"status":200}""", Replies("1:lost"), default));

        Assert.Empty(await s.Table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(ActivityRecords.TurnPrefix) >= 0 && e.RowKey.CompareTo("%turn}") < 0).ToListAsync());
        Assert.Empty(await s.Table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(ActivityRecords.AnswerPrefix) >= 0 && e.RowKey.CompareTo("%answer}") < 0).ToListAsync());
    }

    [Fact]
    public async Task Retention_removes_old_ledger_rows_but_not_replies_still_on_their_way()
    {
        var s = await NewAsync();
        var old = await s.Ledger.ClaimAsync(Chat, "1:old", default);
        await s.Ledger.CompleteAsync(old, null, Replies("1:old"), default);
        _clock.Advance(TimeSpan.FromHours(30));

        Assert.Equal(1, await s.Ledger.ForgetOldAsync(default));

        var rows = await s.Table.QueryAsync<TableEntity>().ToListAsync();
        Assert.DoesNotContain(rows, r => r.RowKey == InboundActivityLedger.Key(Chat, "1:old"));
        Assert.Contains(rows, r => r.RowKey == PendingReplyStore.RowKeyOf(Chat + "|1:old"));
        // A day and more without a channel: the sweep still takes them over.
        Assert.Single(await s.Pending.TakeAbandonedAsync(10, default));
    }

    [Fact]
    public async Task An_answer_kept_in_the_table_before_the_move_is_still_given_and_its_bucket_s_job_removes_both_kinds()
    {
        var s = await NewAsync();
        var before = s.Storage.Table(TableNames.InvokeAnswers);
        var bucket = _clock.GetUtcNow().ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
        // As the version before kept them: the ledger row names the bucket, the answer is in the bucket's partition.
        await before.AddEntityAsync(new TableEntity(bucket, TableKey.Escape(Chat) + "|" + TableKey.Escape("1:before")) { ["Answer"] = "Answered before" });
        await s.Table.AddEntityAsync(new InboundActivityEntity
        {
            PartitionKey = ActivityRecords.Partition, RowKey = InboundActivityLedger.Key(Chat, "1:before"), Status = InboundActivityEntity.Done,
            ClaimedAt = _clock.GetUtcNow(), AnswerBucket = bucket,
        });
        var now = await s.Ledger.ClaimAsync(Chat, "1:now", default);
        await s.Ledger.CompleteAsync(now, "Answered now", null, default);

        var redelivered = await s.Ledger.ClaimAsync(Chat, "1:before", default);
        Assert.Equal("Answered before", redelivered.PreviousInvokeResponseJson);

        Assert.Equal(2, await s.Answers.ForgetAsync(bucket, default));
        Assert.Empty(await before.QueryAsync<TableEntity>().ToListAsync());
        Assert.DoesNotContain(await s.Table.QueryAsync<TableEntity>().ToListAsync(), r => r.RowKey.StartsWith(ActivityRecords.AnswerPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replies_an_instance_of_the_version_before_left_in_the_outbox_are_taken_over_and_removed_there()
    {
        var s = await NewAsync();
        var outbox = s.Storage.Table(TableNames.Outbox);
        var message = Activity.CreateMessage("Left behind");
        await outbox.AddEntityAsync(new TableEntity(PendingReplyStore.PartitionBefore, TableKey.Escape(Chat + "|1:left"))
        {
            ["Status"] = "sending", ["ClaimedAt"] = _clock.GetUtcNow(), ["CreatedAt"] = _clock.GetUtcNow(), ["ServiceUrl"] = "https://smba.trafficmanager.net/emea/",
            ["ConversationId"] = Chat, ["Sent"] = 0,
            ["Part0"] = System.Text.Json.JsonSerializer.Serialize(new[] { new PendingMessage(null, message) }, ProtocolJson.Options),
        });
        _clock.Advance(TimeSpan.FromMinutes(6));

        var taken = Assert.Single(await s.Pending.TakeAbandonedAsync(10, default));
        Assert.Equal(Chat + "|1:left", taken.Key);
        Assert.True(taken.SavedBefore);
        Assert.Equal("Left behind", taken.Messages[0].Activity.Text);
        await s.Pending.MarkSentAsync(taken, 1, default);
        await s.Pending.RemoveAsync(taken, default);

        Assert.Empty(await outbox.QueryAsync<TableEntity>().ToListAsync());
        Assert.DoesNotContain(await s.Table.QueryAsync<TableEntity>().ToListAsync(), r => r.RowKey.StartsWith(ActivityRecords.TurnPrefix, StringComparison.Ordinal));
    }

    private static PendingReplies Replies(string activityId)
    {
        var reply = Activity.CreateMessage("Thanks for your check-in");
        return new PendingReplies(Chat + "|" + activityId, "https://smba.trafficmanager.net/emea/", Chat, [new PendingMessage(null, reply)]);
    }

    private async Task<Setup> NewAsync()
    {
        var requests = new TableRequestCount();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var storage = new TableStorage(_azurite.CreateServiceClient(options), _azurite.NewTablePrefix());
        await storage.CreateTablesAsync(TableNames.All, default);
        var records = new ActivityRecords(storage);
        var answers = new InvokeAnswerStore(records, storage, new JobStore(storage, _clock), _clock);
        var pending = new PendingReplyStore(records, storage, _clock);
        return new Setup(storage, records.Table, new InboundActivityLedger(records, answers, pending, _clock), answers, pending, requests);
    }

    private sealed record Setup(
        TableStorage Storage, TableClient Table, InboundActivityLedger Ledger, InvokeAnswerStore Answers, PendingReplyStore Pending, TableRequestCount Requests);
}
