using Azure;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// The stored rows that name a person or a pair, found through the <see cref="RowIndex"/>: a look-up per identifier
/// and a read per row, so data rights cost in proportion to the person's own rows, not to the store. The few rows the
/// index does not keep are found by their keys.
/// </summary>
public sealed class StoredRows
{
    private readonly TableStorage _storage;

    public StoredRows(TableStorage storage)
    {
        _storage = storage;
    }

    /// <summary>Every row the index says names one of the identifiers, read as stored now, with its table's rule.</summary>
    public async IAsyncEnumerable<(TableRule Rule, TableEntity Entity)> NamingAsync(
        IEnumerable<string> identifiers,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var given = identifiers.ToList();
        var asked = given.Select(i => i.Trim().ToLowerInvariant()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var naming = await _storage.Index.RowsNamingEachAsync(asked, cancellationToken).ConfigureAwait(false);
        var rows = naming.Keys.ToHashSet();
        foreach (var row in rows.OrderBy(r => r.Table, StringComparer.Ordinal).ThenBy(r => r.PartitionKey, StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (TableRules.For(row.Table) is not { } rule)
            {
                continue;
            }

            TableEntity? entity;
            try
            {
                var found = await _storage.Table(row.Table).GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                entity = found.HasValue ? found.Value : null;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                entity = null; // The table is not created yet.
            }

            if (entity is null)
            {
                // Noted before a write that failed, or deleted before its entries went: nothing of it remains to keep.
                await _storage.Index.ForgetRowAsync(row, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A row rewritten since (a sent message without its payload) may no longer hold what it was noted for:
            // its stale entries go now, so the index keeps nothing of a person the tables no longer hold. Only the
            // entries that led here are looked at: the other identifiers asked were never noted for this row, and
            // deleting entries that do not exist cost two requests each.
            var held = RowIndex.IdentifiersOf(entity).ToHashSet(StringComparer.Ordinal);
            var notedFor = naming[row];
            var stale = notedFor.Where(i => !held.Contains(i)).ToList();
            if (stale.Count > 0)
            {
                await _storage.Index.ForgetAsync(row, stale, cancellationToken).ConfigureAwait(false);
            }

            if (!asked.Any(held.Contains))
            {
                continue;
            }

            yield return (rule, entity);
        }

        await foreach (var found in UnindexedNamingAsync(given, asked, cancellationToken).ConfigureAwait(false))
        {
            // Entries noted before these rows stopped being indexed may have listed them above already.
            if (!rows.Contains(new RowRef(found.Rule.Table, found.Entity.PartitionKey, found.Entity.RowKey)))
            {
                yield return found;
            }
        }
    }

    /// <summary>
    /// The rows the index does not keep (<see cref="RowIndex.Keeps"/>), found by their keys: the redelivery ledger of a
    /// conversation is a range of its partition's row keys (a personal chat's id is one of the person's identifiers), the turn replies on
    /// their way are a range of that partition (and, from before they moved there, a partition of the outbox), and the
    /// pending jobs are one partition; those are read whole (a page per thousand rows).
    /// </summary>
    private async IAsyncEnumerable<(TableRule Rule, TableEntity Entity)> UnindexedNamingAsync(
        IEnumerable<string> identifiers, IReadOnlyList<string> asked,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Partition keys match exactly: the identifiers as stored, not lower-cased.
        foreach (var identifier in identifiers.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var (start, end) = InboundActivityLedger.ConversationRange(identifier);
            var ledger = TableClient.CreateQueryFilter($"PartitionKey eq {InboundActivityLedger.Partition} and RowKey ge {start} and RowKey lt {end}");
            foreach (var entity in await QueryAsync(TableNames.InboundActivities, ledger, cancellationToken).ConfigureAwait(false))
            {
                yield return (TableRules.For(TableNames.InboundActivities)!, entity);
            }
        }

        var named = new IdentifierMatch(asked);
        var ranges = new[]
        {
            (TableNames.InboundActivities, ActivityRecords.RangeFilter(ActivityRecords.TurnPrefix)),
            (TableNames.Outbox, PartitionFilter(PendingReplyStore.PartitionBefore)),
            (TableNames.Jobs, PartitionFilter(RowIndex.PendingJobsPartition)),
        };
        foreach (var (table, filter) in ranges)
        {
            foreach (var entity in await QueryAsync(table, filter, cancellationToken).ConfigureAwait(false))
            {
                if (named.IsIn(entity))
                {
                    yield return (TableRules.For(table)!, entity);
                }
            }
        }
    }

    private static string PartitionFilter(string partitionKey) => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");

    private async Task<List<TableEntity>> QueryAsync(string table, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var entity in _storage.Table(table).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(entity);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The table is not created yet.
        }

        return rows;
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

    /// <summary>Rewrites a row that stays (scrubbed configuration) and drops its index entries of identifiers it no longer holds.</summary>
    public async Task ReplaceAsync(TableRule rule, TableEntity entity, IEnumerable<string> removedIdentifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(entity);
        await _storage.Table(rule.Table).UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var kept = RowIndex.IdentifiersOf(entity).ToHashSet(StringComparer.Ordinal);
        var gone = removedIdentifiers.Select(i => i.Trim().ToLowerInvariant()).Where(i => !kept.Contains(i));
        await _storage.Index.ForgetAsync(new RowRef(rule.Table, entity.PartitionKey, entity.RowKey), gone, cancellationToken).ConfigureAwait(false);
    }
}
