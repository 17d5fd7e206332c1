using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Matching;

/// <summary>
/// "Do not match these two": recorded by a coordinator when either person asked not to be matched with the other.
/// Per tenant, either order. Never exported (it would tell one person what the other asked).
/// </summary>
public sealed class MatchExclusionStore
{
    private readonly TableClient _table;
    private readonly TimeProvider _time;

    public MatchExclusionStore(TableStorage storage, TimeProvider time)
    {
        _table = storage.Table(MatchingTables.Exclusions);
        _time = time;
    }

    public Task ExcludeAsync(string tenantId, string personA, string personB, string recordedBy, CancellationToken cancellationToken)
    {
        var (partition, row) = Rematch.RematchHistory.KeyFor(tenantId, personA, personB);
        return _table.UpsertEntityAsync(new TableEntity(partition, row)
        {
            ["PersonA"] = personA,
            ["PersonB"] = personB,
            ["RecordedBy"] = recordedBy,
            ["RecordedAt"] = _time.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> IsExcludedAsync(string tenantId, string personA, string personB, CancellationToken cancellationToken)
    {
        var (partition, row) = Rematch.RematchHistory.KeyFor(tenantId, personA, personB);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, select: ["PersonA"], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue;
    }
}
