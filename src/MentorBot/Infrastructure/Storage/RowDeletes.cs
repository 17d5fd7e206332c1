using Azure;
using Azure.Data.Tables;

namespace MentorBot.Infrastructure.Storage;

/// <summary>Removing many rows at once, as the clean-ups that read a table and drop what outlived its time do.</summary>
public static class RowDeletes
{
    // One partition and at most 100 actions: what Azure accepts in a transaction (Azurite is more lenient).
    private const int TransactionLimit = 100;

    /// <summary>
    /// Deletes the rows, read in key order, in one transaction per run of a partition (at most 100 rows each); a run
    /// that fails because one of its rows is gone already (a transaction fails whole) is deleted row by row. Returns
    /// how many rows were asked to go.
    /// </summary>
    public static async Task<int> DeleteInRunsAsync(this TableClient table, IAsyncEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var removed = 0;
        var run = new List<TableTransactionAction>();
        await foreach (var entity in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (run.Count > 0 && (run.Count == TransactionLimit || run[0].Entity.PartitionKey != entity.PartitionKey))
            {
                removed += await DeleteRunAsync(table, run, cancellationToken).ConfigureAwait(false);
            }

            run.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
        }

        return removed + await DeleteRunAsync(table, run, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> DeleteRunAsync(TableClient table, List<TableTransactionAction> run, CancellationToken cancellationToken)
    {
        if (run.Count == 0)
        {
            return 0;
        }

        try
        {
            await table.SubmitTransactionAsync(run, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // TableClient answers the delete of a missing row 404 without throwing (azure-sdk-for-net#30462).
            foreach (var action in run)
            {
                await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }

        var count = run.Count;
        run.Clear();
        return count;
    }
}
