using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Rematch;

/// <summary>
/// "Do not pair again": recorded for two people when a coordinator ends their pair for a rematch, and checked by
/// registration. Kept per tenant (not per program), in either order of the two people.
/// </summary>
public sealed class RematchHistory
{
    private readonly TableClient _table;
    private readonly TimeProvider _time;
    private volatile bool _created;

    public RematchHistory(TableStorage storage, TimeProvider time)
    {
        _table = storage.Table(RematchTables.History);
        _time = time;
    }

    /// <summary>Records that the two must not be paired again; recording it twice changes nothing that matters.</summary>
    public async Task RecordDoNotPairAgainAsync(string tenantId, string personA, string personB, RematchRequest because, string? recordedBy,
        CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var (partition, row) = KeyFor(tenantId, personA, personB);
        var entity = new TableEntity(partition, row)
        {
            ["ProgramId"] = because.ProgramId,
            ["PairId"] = because.PairId,
            ["RequestId"] = because.RequestId,
            ["RecordedBy"] = recordedBy,
            ["RecordedAt"] = _time.GetUtcNow(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the two people (Entra object ids, in either order) must not be paired again.</summary>
    public async Task<bool> IsBlockedAsync(string tenantId, string personA, string personB, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var (partition, row) = KeyFor(tenantId, personA, personB);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, select: ["PairId"], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue;
    }

    /// <summary>The same row for (a, b) and (b, a), whatever the case of the ids.</summary>
    internal static (string Partition, string Row) KeyFor(string tenantId, string personA, string personB)
    {
        var a = personA.ToLowerInvariant();
        var b = personB.ToLowerInvariant();
        var (first, second) = string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
        return (TableKey.Escape($"{tenantId}|{first}"), TableKey.Escape(second));
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
}
