using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Reads every row of every table through its rule. Data rights are rare requests, so a full scan is accepted: it
/// finds rows however a feature keyed them, and needs no index that could drift from the data.
/// </summary>
public sealed class TableScanner
{
    private readonly TableStorage _storage;

    public TableScanner(TableStorage storage)
    {
        _storage = storage;
    }

    public async IAsyncEnumerable<(TableRule Rule, TableEntity Entity)> ScanAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var rule in TableRules.ForAllTables())
        {
            var rows = new List<TableEntity>();
            try
            {
                await foreach (var entity in _storage.Table(rule.Table).QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(entity);
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Not created yet: nothing stored.
            }

            foreach (var row in rows)
            {
                yield return (rule, row);
            }
        }
    }

    public async Task DeleteAsync(TableRule rule, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            await _storage.Table(rule.Table).DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    public Task ReplaceAsync(TableRule rule, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _storage.Table(rule.Table).UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace, cancellationToken);
    }
}
