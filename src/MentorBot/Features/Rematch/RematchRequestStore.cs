using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Rematch;

/// <summary>Rematch requests (partition: tenant and pair). Adding an id that exists fails; every change carries the ETag read.</summary>
public sealed class RematchRequestStore
{
    private readonly TableClient _table;
    private volatile bool _created;

    public RematchRequestStore(TableStorage storage)
    {
        _table = storage.Table(RematchTables.Requests);
    }

    /// <summary>False when a request with this id already exists.</summary>
    public async Task<bool> TryAddAsync(RematchRequest request, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(ToEntity(request), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            return false;
        }
    }

    public async Task<(RematchRequest Request, ETag ETag)?> GetAsync(string tenantId, string pairId, string requestId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, pairId), TableKey.Escape(requestId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? (Read(response.Value), response.Value.ETag) : null;
    }

    /// <summary>Every request about a pair, by anyone, in any state.</summary>
    public async Task<IReadOnlyList<RematchRequest>> ForPairAsync(string tenantId, string pairId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var requests = new List<RematchRequest>();
        var partition = Partition(tenantId, pairId);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            requests.Add(Read(entity));
        }

        return requests;
    }

    public async Task UpdateAsync(RematchRequest request, ETag etag, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(ToEntity(request), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex))
        {
            throw new ConcurrentUpdateException("The rematch request changed while this request was handled.", ex);
        }
    }

    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        return _table;
    }

    private static string Partition(string tenantId, string pairId) => TableKey.Escape($"{tenantId}|{pairId}");

    private static TableEntity ToEntity(RematchRequest request) =>
        new(Partition(request.TenantId, request.PairId), TableKey.Escape(request.RequestId))
        {
            ["Request"] = JsonSerializer.Serialize(request),
            ["State"] = request.State.ToString(),
            ["RequesterId"] = request.RequesterId,
            ["ProgramId"] = request.ProgramId,
            ["RequestedAt"] = request.RequestedAt,
        };

    private static RematchRequest Read(TableEntity entity) => JsonSerializer.Deserialize<RematchRequest>(entity.GetString("Request")!)!;
}
