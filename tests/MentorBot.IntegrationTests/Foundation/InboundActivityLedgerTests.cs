using Azure.Core;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>
/// The redelivery ledger in one partition (issue 17 item 5, "combine rows that share a partition"), against Azurite:
/// the claims and marks of turns that overlap go together, a redelivery among them is still recognised, and rows of the
/// layout before (a partition per conversation) are moved so an activity handled just before an upgrade counts once.
/// </summary>
public sealed class InboundActivityLedgerTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public InboundActivityLedgerTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Claims_and_marks_of_overlapping_turns_share_requests()
    {
        var (storage, requests) = await NewStorageAsync();
        var ledger = NewLedger(storage);
        var chats = Enumerable.Range(0, 40).Select(i => "a:1personalChat" + i).ToList();

        var before = requests.Count;
        var claims = await Task.WhenAll(chats.Select(c => ledger.ClaimAsync(c, "1:activity", default)));
        var claiming = requests.Count - before;
        before = requests.Count;
        await Task.WhenAll(claims.Select(c => ledger.CompleteAsync(c, null, null, default)));
        var marking = requests.Count - before;

        // One request each when they went alone: 40 and 40.
        Assert.True(claiming <= 10, $"40 claims took {claiming} requests");
        Assert.True(marking <= 10, $"40 marks took {marking} requests");
        Assert.All(claims, c => Assert.False(c.IsDuplicate));
        var rows = await storage.Table(TableNames.InboundActivities).QueryAsync<InboundActivityEntity>().ToListAsync();
        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.Equal(InboundActivityEntity.Done, r.Status));
    }

    [Fact]
    public async Task A_redelivery_that_arrives_with_other_claims_is_recognised_and_theirs_still_go_through()
    {
        var (storage, _) = await NewStorageAsync();
        var ledger = NewLedger(storage);
        var first = await ledger.ClaimAsync("a:1ada", "1:seen", default);
        await ledger.CompleteAsync(first, null, null, default);

        // The redelivery's insert fails the transaction it is in; every other claim in it must still be made.
        var claims = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => i == 10 ? ledger.ClaimAsync("a:1ada", "1:seen", default) : ledger.ClaimAsync("a:1other" + i, "1:new", default)));

        Assert.True(claims[10].IsDuplicate);
        Assert.Equal(19, claims.Count(c => !c.IsDuplicate));
        Assert.Equal(20, await storage.Table(TableNames.InboundActivities).QueryAsync<TableEntity>().CountAsync());
    }

    [Fact]
    public async Task A_failed_turn_gives_its_claim_back_so_the_channel_s_retry_is_processed()
    {
        var (storage, _) = await NewStorageAsync();
        var ledger = NewLedger(storage);

        var claim = await ledger.ClaimAsync("a:1ada", "1:failed", default);
        await ledger.ReleaseAsync(claim, default);
        var retry = await ledger.ClaimAsync("a:1ada", "1:failed", default);

        Assert.False(retry.IsDuplicate);
    }

    [Fact]
    public async Task Rows_of_the_layout_before_are_moved_and_their_activities_still_count_once()
    {
        var (storage, _) = await NewStorageAsync();
        var table = storage.Table(TableNames.InboundActivities);
        var chat = "a:1max/Personal#Chat";
        var clock = TimeProvider.System.GetUtcNow();
        // As the ledger wrote them before: the conversation is the partition, the activity the row.
        await table.AddEntityAsync(new InboundActivityEntity
        {
            PartitionKey = TableKey.Escape(chat), RowKey = TableKey.Escape("1:before"), Status = InboundActivityEntity.Done, ClaimedAt = clock,
        });
        await table.AddEntityAsync(new InboundActivityEntity
        {
            PartitionKey = TableKey.Escape(chat), RowKey = TableKey.Escape("1:both"), Status = InboundActivityEntity.Processing, ClaimedAt = clock,
        });
        var ledger = NewLedger(storage);
        // Claimed again in the new place before the move ran: that row is the one kept.
        var again = await ledger.ClaimAsync(chat, "1:both", default);
        await ledger.CompleteAsync(again, null, null, default);

        var moved = await new InboundLedgerLayoutMigration(storage).MoveAsync(default);

        Assert.Equal(1, moved);
        var rows = await table.QueryAsync<InboundActivityEntity>().ToListAsync();
        Assert.All(rows, r => Assert.Equal(InboundActivityLedger.Partition, r.PartitionKey));
        Assert.Equal(2, rows.Count);
        Assert.Equal(InboundActivityEntity.Done, rows.Single(r => r.RowKey == InboundActivityLedger.Key(chat, "1:both")).Status);
        Assert.True((await ledger.ClaimAsync(chat, "1:before", default)).IsDuplicate, "an activity handled before the upgrade would be handled again");
        Assert.Equal(0, await new InboundLedgerLayoutMigration(storage).MoveAsync(default));
    }

    private static InboundActivityLedger NewLedger(TableStorage storage)
    {
        var records = new ActivityRecords(storage);
        return new(records, new InvokeAnswerStore(records, storage, new JobStore(storage, TimeProvider.System), TimeProvider.System),
            new PendingReplyStore(records, storage, TimeProvider.System), TimeProvider.System);
    }

    private async Task<(TableStorage Storage, TableRequestCount Requests)> NewStorageAsync()
    {
        var requests = new TableRequestCount();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var storage = new TableStorage(_azurite.CreateServiceClient(options), _azurite.NewTablePrefix());
        await storage.CreateTablesAsync(TableNames.All, default);
        return (storage, requests);
    }
}
