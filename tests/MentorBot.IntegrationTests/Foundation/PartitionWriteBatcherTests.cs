using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>
/// Group commit of a shared partition (issue 17 item 5: "combine rows that share a partition"), against Azurite:
/// writes that wait while one is in flight go in one transaction, a row's writes keep their order, and a write that
/// fails fails only for its caller.
/// </summary>
public sealed class PartitionWriteBatcherTests : IClassFixture<AzuriteFixture>
{
    private const string Partition = "turns";

    private readonly AzuriteFixture _azurite;

    public PartitionWriteBatcherTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Writes_that_arrive_while_one_is_in_flight_go_together_in_one_request()
    {
        var (table, requests) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher(table);

        var before = requests.Count;
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => batcher.SubmitAsync(Upsert("row" + i, "v1"), default)));
        var used = requests.Count - before;

        // The first goes at once; the 29 written meanwhile follow in one transaction (two if the first left late).
        Assert.True(used <= 3, $"30 writes took {used} requests");
        Assert.Equal(30, await CountAsync(table));
    }

    [Fact]
    public async Task More_writes_than_a_transaction_may_hold_are_all_stored()
    {
        var (table, _) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher(table);
        // 250 small rows (over 100 operations) and 20 of 90,000 characters (over the payload a transaction may carry together).
        var small = Enumerable.Range(0, 250).Select(i => Upsert("small" + i, "v1"));
        var large = Enumerable.Range(0, 20).Select(i => Upsert("large" + i, new string('x', 30_000), parts: 3));

        await Task.WhenAll(small.Concat(large).Select(a => batcher.SubmitAsync(a, default)));

        Assert.Equal(270, await CountAsync(table));
        var stored = (await table.GetEntityAsync<TableEntity>(Partition, "large7")).Value;
        Assert.Equal(30_000, stored.GetString("Part2")!.Length);
    }

    [Fact]
    public async Task Writes_of_one_row_are_applied_in_the_order_they_were_given()
    {
        var (table, _) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher(table);
        // Given while the first write is in flight, so the rest wait and go together where they may.
        var seed = batcher.SubmitAsync(Upsert("seed", "v0"), default);

        await Task.WhenAll(
            seed,
            batcher.SubmitAsync(Upsert("kept", "v1"), default),
            batcher.SubmitAsync(Upsert("gone", "v1"), default),
            batcher.SubmitAsync(Upsert("kept", "v2"), default),
            batcher.SubmitAsync(Delete("gone"), default),
            batcher.SubmitAsync(Merge("kept", "v3"), default));

        var kept = (await table.GetEntityAsync<TableEntity>(Partition, "kept")).Value;
        Assert.Equal("v3", kept.GetString("Part0"));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(Partition, "gone")).HasValue);
    }

    [Fact]
    public async Task A_write_that_fails_fails_for_its_caller_only()
    {
        var (table, _) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher(table);
        // Given while the first write is in flight, so the next three go in one transaction.
        var seed = batcher.SubmitAsync(Upsert("seed", "v0"), default);
        var first = batcher.SubmitAsync(Upsert("first", "v1"), default);
        // An update of a row nobody wrote: the transaction it is in fails whole, so each write is tried alone (a delete
        // of a missing row would not do: alone, TableClient answers it 404 without throwing, azure-sdk-for-net#30462).
        var missing = batcher.SubmitAsync(Merge("never-written", "v1"), default);
        var last = batcher.SubmitAsync(Upsert("last", "v1"), default);

        await Task.WhenAll(seed, first, last);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => missing);
        Assert.Equal(404, refused.Status);
        Assert.Equal(3, await CountAsync(table));
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(Partition, "last")).HasValue);
    }

    [Fact]
    public async Task Writes_submitted_together_are_stored_together_or_not_at_all_and_others_beside_them_still_are()
    {
        var (table, _) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher(table);
        var seed = batcher.SubmitAsync(Upsert("seed", "v0"), default);
        // Given while the seed's write is in flight: a pair, and a pair whose second write must fail.
        var stored = batcher.SubmitTogetherAsync([Upsert("replies", "v1"), Upsert("mark", "v1")], default);
        var refused = batcher.SubmitTogetherAsync([Upsert("replies-of-lost-turn", "v1"), Merge("mark-never-claimed", "v1")], default);
        var other = batcher.SubmitAsync(Upsert("other", "v1"), default);

        await Task.WhenAll(seed, stored, other);
        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => refused);

        Assert.Equal(404, failure.Status);
        Assert.Equal(2, (await stored).Count);
        Assert.All(await stored, etag => Assert.NotNull(etag));
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(Partition, "mark")).HasValue);
        // The refused pair's first write was not kept without its second.
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(Partition, "replies-of-lost-turn")).HasValue);
        Assert.Equal(4, await CountAsync(table));
    }

    [Fact]
    public async Task Writes_submitted_together_must_name_each_row_of_one_partition_once()
    {
        var (table, _) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher(table);

        await Assert.ThrowsAsync<ArgumentException>(() => batcher.SubmitTogetherAsync([Upsert("a", "v1"), Upsert("a", "v2")], default));
        await Assert.ThrowsAsync<ArgumentException>(() => batcher.SubmitTogetherAsync(
            [Upsert("a", "v1"), new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("elsewhere", "b"))], default));
        Assert.Equal(0, await CountAsync(table));
    }

    private static TableTransactionAction Upsert(string row, string value, int parts = 1)
    {
        var entity = new TableEntity(Partition, row);
        for (var i = 0; i < parts; i++)
        {
            entity["Part" + i] = value;
        }

        return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
    }

    private static TableTransactionAction Merge(string row, string value) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, row) { ["Part0"] = value }, ETag.All);

    private static TableTransactionAction Delete(string row) =>
        new(TableTransactionActionType.Delete, new TableEntity(Partition, row), ETag.All);

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    private async Task<(TableClient Table, TableRequestCount Requests)> NewTableAsync()
    {
        var requests = new TableRequestCount();
        var options = new TableClientOptions();
        options.AddPolicy(requests, Azure.Core.HttpPipelinePosition.PerRetry);
        var table = _azurite.CreateServiceClient(options).GetTableClient(_azurite.NewTablePrefix() + "Batched");
        await table.CreateIfNotExistsAsync();
        return (table, requests);
    }
}
