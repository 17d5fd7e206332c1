using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Features.Meetings;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.MentorCohorts;

/// <summary>Baselines, one row per pair and party (partition: tenant and program, for reports).</summary>
public sealed class BaselineStore
{
    private readonly LazyTable _table;

    public BaselineStore(TableStorage storage)
    {
        _table = new LazyTable(storage, MentorCohortTables.Baselines);
    }

    /// <summary>False when the party already gave their baseline: the "before" is taken once.</summary>
    public async Task<bool> TryAddAsync(BaselineAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new TableEntity(TableKey.Escape($"{answer.TenantId}|{answer.ProgramId}"), TableKey.Escape($"{answer.PairId}|{answer.Role}"))
            {
                ["Answer"] = JsonSerializer.Serialize(answer),
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<BaselineAnswer>> InProgramAsync(string tenantId, string programId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Escape($"{tenantId}|{programId}");
        var answers = new List<BaselineAnswer>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            answers.Add(JsonSerializer.Deserialize<BaselineAnswer>(entity.GetString("Answer")!)!);
        }

        return answers;
    }
}
