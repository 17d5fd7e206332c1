using Azure;
using Azure.Data.Tables;

namespace MentorBot.Infrastructure.Storage;

/// <summary>
/// The one way a one-time migration rewrites stored rows: read the table once, let the migration change each row that
/// needs it, write it back with the ETag it was read with, so a row the running code changed or removed meanwhile is
/// left as it now is.
/// </summary>
public static class StoredRowRewrite
{
    /// <summary>Rewrites each row for which <paramref name="rewrite"/> changed something (returned true); returns how many were written.</summary>
    public static async Task<int> RewriteAsync(TableClient table, Func<TableEntity, bool> rewrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rewrite);
        var written = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!rewrite(entity))
            {
                continue;
            }

            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                written++;
            }
            catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
            {
                // Changed or removed since it was read.
            }
        }

        return written;
    }
}
