using Azure.Data.Tables;
using MentorBot.Features.DataRights;
using MentorBot.Infrastructure.Storage;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>
/// The row index's sharded layout against Azurite: a row's entries share one of the shards, a look-up reads them all,
/// and entries of the layout before shards are found, moved and removed, so an upgrade loses no one's rows.
/// </summary>
public sealed class RowIndexLayoutTests : IClassFixture<AzuriteFixture>
{
    private const string Person = "11111111-aaaa-4bbb-8ccc-000000000001";
    private const string Other = "22222222-aaaa-4bbb-8ccc-000000000002";

    private readonly AzuriteFixture _azurite;

    public RowIndexLayoutTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Rows_naming_one_person_spread_over_the_shards_are_all_found_and_each_row_s_entries_share_a_shard()
    {
        var storage = await NewStorageAsync();
        var table = storage.Table(TableNames.DialogStates);
        var rows = Enumerable.Range(0, 40).Select(i => new TableEntity("dialogs", $"row-{i}") { ["Who"] = Person, ["With"] = $"mentee{i}@contoso.example" }).ToList();
        foreach (var row in rows)
        {
            await table.AddEntityAsync(row);
        }

        var found = await storage.Index.RowsNamingAsync([Person], default);

        Assert.Equal(rows.Select(r => new RowRef(TableNames.DialogStates, r.PartitionKey, r.RowKey)).ToHashSet(), found.ToHashSet());
        var entries = await AllEntriesAsync(storage);
        Assert.True(entries.Select(e => e.PartitionKey).Distinct().Count() > 1, "all 40 rows landed in one shard");
        Assert.All(entries, e => Assert.StartsWith("ix", e.PartitionKey, StringComparison.Ordinal));
        Assert.All(entries.GroupBy(e => e.GetString("Row")), g => Assert.Single(g.Select(e => e.PartitionKey).Distinct()));
        Assert.Equal(40 * 2 * 2, entries.Count); // two identifiers per row, each listed by identifier and by row
    }

    [Fact]
    public async Task Entries_of_the_layout_before_shards_are_found_by_a_look_up_and_moved_and_the_migration_moves_the_rest()
    {
        var storage = await NewStorageAsync();
        var table = storage.Table(TableNames.DialogStates);
        // Rows as the version before wrote them: the rows themselves, and their entries in its layout (a partition per
        // identifier listing the row, one per row listing its identifiers), none in the shards.
        var raw = _azurite.CreateServiceClient().GetTableClient(storage.Prefix + TableNames.DialogStates);
        var index = _azurite.CreateServiceClient().GetTableClient(storage.Prefix + TableNames.RowIndex);
        var mine = new RowRef(TableNames.DialogStates, "dialogs", "old-mine");
        var theirs = new RowRef(TableNames.DialogStates, "dialogs", "old-theirs");
        foreach (var (row, who) in new[] { (mine, Person), (theirs, Other) })
        {
            await raw.AddEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Who"] = who });
            await index.AddEntityAsync(new TableEntity("id|" + who, row.ToString()));
            await index.AddEntityAsync(new TableEntity("row|" + row, who));
        }

        Assert.Equal([mine], await storage.Index.RowsNamingAsync([Person], default));
        Assert.Equal([Person], await storage.Index.NotedForAsync(mine, default));
        Assert.DoesNotContain(await AllEntriesAsync(storage), e => e.PartitionKey.StartsWith("id|", StringComparison.Ordinal) && e.PartitionKey.EndsWith(Person, StringComparison.Ordinal));

        var job = new RowIndexLayoutMigration(storage);
        foreach (var run in RowIndexLayoutMigration.For(DateTimeOffset.UtcNow))
        {
            await job.RunAsync(run, default);
        }

        var entries = await AllEntriesAsync(storage);
        Assert.All(entries, e => Assert.StartsWith("ix", e.PartitionKey, StringComparison.Ordinal));
        Assert.Equal([theirs], await storage.Index.RowsNamingAsync([Other], default));
        // Deleting a moved row removes its moved entries: nothing of either person is left in the index.
        await table.DeleteEntityAsync(mine.PartitionKey, mine.RowKey);
        await table.DeleteEntityAsync(theirs.PartitionKey, theirs.RowKey);
        Assert.Empty(await AllEntriesAsync(storage));
    }

    private static async Task<List<TableEntity>> AllEntriesAsync(TableStorage storage)
    {
        var entries = new List<TableEntity>();
        await foreach (var entry in storage.Table(TableNames.RowIndex).QueryAsync<TableEntity>())
        {
            entries.Add(entry);
        }

        return entries;
    }

    private async Task<TableStorage> NewStorageAsync()
    {
        var storage = new TableStorage(_azurite.CreateServiceClient(), _azurite.NewTablePrefix());
        await storage.CreateTablesAsync(TableNames.All, default);
        return storage;
    }
}
