using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Features.Meetings;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Lifecycle;

/// <summary>
/// One row per lifecycle record of a pair (partition: tenant and pair; row: what it is, e.g. "midpoint/mentor"),
/// holding a JSON value. Adding is first-wins; updates carry the ETag.
/// </summary>
public sealed class LifecycleStore
{
    private readonly LazyTable _table;

    public LifecycleStore(TableStorage storage)
    {
        _table = new LazyTable(storage, LifecycleTables.Lifecycle);
    }

    public async Task<(T Value, ETag ETag)?> GetAsync<T>(string tenantId, string pairId, string row, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, pairId), TableKey.Escape(row), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null
            ? (JsonSerializer.Deserialize<T>(response.Value.GetString("Value"))!, response.Value.ETag)
            : null;
    }

    /// <summary>Adds the row; false when it already exists (the first answer stands).</summary>
    public async Task<bool> TryAddAsync<T>(string tenantId, string pairId, string row, T value, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(Entity(tenantId, pairId, row, value), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            return false;
        }
    }

    public async Task UpdateAsync<T>(string tenantId, string pairId, string row, T value, ETag etag, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(Entity(tenantId, pairId, row, value), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex))
        {
            throw new ConcurrentUpdateException("A lifecycle record changed while this request was handled.", ex);
        }
    }

    private static TableEntity Entity<T>(string tenantId, string pairId, string row, T value) =>
        new(Partition(tenantId, pairId), TableKey.Escape(row)) { ["Value"] = JsonSerializer.Serialize(value) };

    private static string Partition(string tenantId, string pairId) => TableKey.Escape($"{tenantId}|{pairId}");
}
