using Azure.Data.Tables;
using MentorBot.Infrastructure.Pacing;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Connector;
using MentorBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>The pacing rows instances share in Table Storage: 429 pauses (<see cref="TablePauseMarkers"/>) and heartbeats (<see cref="LiveInstanceCount"/>).</summary>
public sealed class PacingTablesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Tenant = "2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f";
    private const string Chat = "a:1xPersonalChatOfSomeone";

    private async Task<TableStorage> NewStorageAsync()
    {
        var storage = new TableStorage(azurite.CreateServiceClient(), azurite.NewTablePrefix());
        await storage.CreateTablesAsync(TableNames.All, default);
        return storage;
    }

    [Fact]
    public async Task A_tenants_pauses_are_read_together_a_later_end_is_kept_and_no_chat_id_is_stored()
    {
        var storage = await NewStorageAsync();
        var markers = new TablePauseMarkers(storage);
        var now = DateTimeOffset.UtcNow;
        var key = TenantPauses.KeyOf(Chat);

        await markers.WritePauseAsync(Tenant, key, now.AddSeconds(20), default);
        await markers.WritePauseAsync(Tenant, key, now.AddSeconds(5), default);
        await markers.WritePauseAsync(Tenant, null, now.AddSeconds(3), default);
        await new TablePauseMarkers(storage).WritePauseAsync("another-tenant", null, now.AddSeconds(30), default);

        var pauses = await markers.ReadPausesAsync(Tenant, now, default);
        Assert.Equal(now.AddSeconds(20), pauses.Of(key)!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(now.AddSeconds(3), pauses.Tenant!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Single(pauses.Conversations);
        Assert.Null((await markers.ReadPausesAsync(Tenant, now.AddSeconds(4), default)).Tenant);
        var rows = await RowsAsync(storage, TableNames.PacingMarkers);
        Assert.DoesNotContain(rows, r => r.RowKey.Contains(Chat, StringComparison.Ordinal) || r.Select(p => p.Value).OfType<string>().Any(v => v.Contains(Chat, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_pause_over_for_a_minute_is_removed_by_the_next_read_of_its_tenant()
    {
        var storage = await NewStorageAsync();
        var markers = new TablePauseMarkers(storage);
        var now = DateTimeOffset.UtcNow;
        await markers.WritePauseAsync(Tenant, TenantPauses.KeyOf("a:old"), now.AddMinutes(-2), default);
        await markers.WritePauseAsync(Tenant, TenantPauses.KeyOf("a:recent"), now.AddSeconds(-10), default);

        Assert.Empty((await markers.ReadPausesAsync(Tenant, now, default)).Conversations);

        var left = await RowsAsync(storage, TableNames.PacingMarkers);
        Assert.Equal([TablePauseMarkers.ConversationPrefix + TenantPauses.KeyOf("a:recent")], left.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Instances_count_each_other_drop_one_that_leaves_and_keep_the_last_count_when_storage_fails()
    {
        var storage = await NewStorageAsync();
        var first = new LiveInstanceCount(storage, NullLogger<LiveInstanceCount>.Instance);
        var second = new LiveInstanceCount(storage, NullLogger<LiveInstanceCount>.Instance);

        await first.BeatAsync(default);
        Assert.Equal(1, first.LiveInstances);
        await second.BeatAsync(default);
        await first.BeatAsync(default);
        Assert.Equal(2, first.LiveInstances);
        Assert.Equal(2, second.LiveInstances);

        await second.LeaveAsync(default);
        await first.BeatAsync(default);
        Assert.Equal(1, first.LiveInstances);

        await second.BeatAsync(default);
        await first.BeatAsync(default);
        await storage.Table(TableNames.LiveInstances).DeleteAsync();
        await first.BeatAsync(default);
        Assert.Equal(2, first.LiveInstances);
    }

    [Fact]
    public async Task A_row_of_an_instance_that_died_long_ago_is_not_counted_and_is_removed()
    {
        var storage = await NewStorageAsync();
        var table = storage.Table(TableNames.LiveInstances);
        await table.AddEntityAsync(new TableEntity(LiveInstanceCount.Partition, "died-an-hour-ago") { ["SeenAt"] = DateTimeOffset.UtcNow.AddHours(-1) });
        await table.AddEntityAsync(new TableEntity(LiveInstanceCount.Partition, "died-a-minute-ago") { ["SeenAt"] = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var count = new LiveInstanceCount(storage, NullLogger<LiveInstanceCount>.Instance);

        await count.BeatAsync(default);

        Assert.Equal(1, count.LiveInstances);
        Assert.Equal(
            new[] { "died-a-minute-ago", count.InstanceId }.Order(StringComparer.Ordinal),
            (await RowsAsync(storage, TableNames.LiveInstances)).Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    private static async Task<List<TableEntity>> RowsAsync(TableStorage storage, string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.Table(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
