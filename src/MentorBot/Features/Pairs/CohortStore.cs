using System.Text.Json;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Pairs;

/// <summary>Cohorts per program (partition: tenant and program).</summary>
public sealed class CohortStore
{
    private readonly TableClient _table;

    public CohortStore(TableStorage storage)
    {
        _table = storage.Table(TableNames.Cohorts);
    }

    public async Task SaveAsync(Cohort cohort, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(cohort.TenantId, cohort.ProgramId), TableKey.Escape(cohort.CohortId))
        {
            ["Cohort"] = JsonSerializer.Serialize(cohort),
            ["Name"] = cohort.Name,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Cohort?> GetAsync(string tenantId, string programId, string cohortId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, programId), TableKey.Escape(cohortId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? JsonSerializer.Deserialize<Cohort>(response.Value.GetString("Cohort")!) : null;
    }

    public async Task<IReadOnlyList<Cohort>> ListAsync(string tenantId, string programId, CancellationToken cancellationToken)
    {
        var cohorts = new List<Cohort>();
        var partition = Partition(tenantId, programId);
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            cohorts.Add(JsonSerializer.Deserialize<Cohort>(entity.GetString("Cohort")!)!);
        }

        return cohorts;
    }

    /// <summary>The cohort a coordinator named, by id ("spring-2027") or by name ("Spring 2027"), or null.</summary>
    public async Task<Cohort?> FindAsync(string tenantId, string programId, string nameOrId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        var wanted = nameOrId.Trim();
        var byId = await GetAsync(tenantId, programId, Programs.ProgramIds.FromName(wanted), cancellationToken).ConfigureAwait(false);
        if (byId is not null)
        {
            return byId;
        }

        var all = await ListAsync(tenantId, programId, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(c => string.Equals(c.Name, wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static string Partition(string tenantId, string programId) => TableKey.Escape($"{tenantId}|{programId}");
}
