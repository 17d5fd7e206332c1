using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Escalations;

/// <summary>Alerts per program (partition: tenant and program). Adding an alert that exists fails, which is what makes "one per cause".</summary>
public sealed class AlertStore
{
    private readonly TableClient _table;

    public AlertStore(TableStorage storage)
    {
        _table = storage.Table(TableNames.Alerts);
    }

    /// <summary>False when an alert with this id already exists.</summary>
    public async Task<bool> TryAddAsync(EscalationAlert alert, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(alert), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            return false;
        }
    }

    public async Task<(EscalationAlert Alert, ETag ETag)?> GetAsync(string tenantId, string programId, string alertId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, programId), TableKey.Escape(alertId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? (Read(response.Value), response.Value.ETag) : null;
    }

    public async Task UpdateAsync(EscalationAlert alert, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(alert), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex))
        {
            throw new ConcurrentUpdateException("The alert changed while this request was handled.", ex);
        }
    }

    public async Task<IReadOnlyList<EscalationAlert>> ListAsync(string tenantId, string programId, CancellationToken cancellationToken)
    {
        var alerts = new List<EscalationAlert>();
        var partition = Partition(tenantId, programId);
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(Read(entity));
        }

        return alerts;
    }

    private static string Partition(string tenantId, string programId) => TableKey.Escape($"{tenantId}|{programId}");

    private static TableEntity ToEntity(EscalationAlert alert) =>
        new(Partition(alert.TenantId, alert.ProgramId), TableKey.Escape(alert.AlertId))
        {
            ["Alert"] = JsonSerializer.Serialize(alert),
            ["State"] = alert.State.ToString(),
            ["Cause"] = alert.Cause,
            ["PairId"] = alert.PairId,
            ["RaisedAt"] = alert.RaisedAt,
        };

    private static EscalationAlert Read(TableEntity entity) =>
        JsonSerializer.Deserialize<EscalationAlert>(entity.GetString("Alert")!)!;
}
