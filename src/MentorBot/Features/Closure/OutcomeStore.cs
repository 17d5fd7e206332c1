using System.Text.Json;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Closure;

/// <summary>End reflections and outcomes, one row per pair and party (partition: tenant and program, for reports).</summary>
public sealed class OutcomeStore
{
    private readonly TableClient _table;

    public OutcomeStore(TableStorage storage)
    {
        _table = storage.Table(TableNames.Outcomes);
    }

    /// <summary>Saves a party's outcome; answering again replaces their earlier answer.</summary>
    public Task SaveAsync(Outcome outcome, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition(outcome.TenantId, outcome.ProgramId), TableKey.Escape($"{outcome.PairId}|{outcome.Role}"))
        {
            ["Outcome"] = JsonSerializer.Serialize(outcome),
            ["PairId"] = outcome.PairId,
            ["CohortId"] = outcome.CohortId,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<Outcome>> InProgramAsync(string tenantId, string programId, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>();
        var partition = Partition(tenantId, programId);
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            outcomes.Add(JsonSerializer.Deserialize<Outcome>(entity.GetString("Outcome")!)!);
        }

        return outcomes;
    }

    private static string Partition(string tenantId, string programId) => TableKey.Escape($"{tenantId}|{programId}");
}
