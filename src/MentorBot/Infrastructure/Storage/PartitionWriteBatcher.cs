using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace MentorBot.Infrastructure.Storage;

/// <summary>
/// Group commit for a table's shared partitions (the turn replies on their way, the invoke answers of ten minutes):
/// writes to one partition that arrive while a transaction to it is in flight go together in the next one, so under
/// load many turns' rows cost one request, while a write that finds nothing in flight goes at once, without waiting
/// for company. Writes of one row keep their order. When a transaction of several writes fails, each is tried alone,
/// so one caller's failure (a row already gone) never becomes another's; writes a caller submitted together stay
/// together then too, in a transaction of their own.
/// </summary>
public sealed class PartitionWriteBatcher
{
    // An entity group transaction holds at most 100 operations, each entity once, in at most 4 MiB
    // (https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions).
    private const int MaxActions = 100;

    // Estimated conservatively (three bytes a character, as UTF-8 and JSON escaping may need), so well under 4 MiB.
    private const long MaxEstimatedBytes = 3L * 1024 * 1024;

    private readonly TableClient _table;
    private readonly ConcurrentDictionary<string, PartitionQueue> _queues = new(StringComparer.Ordinal);

    public PartitionWriteBatcher(TableClient table)
    {
        _table = table;
    }

    /// <summary>
    /// Writes the action with whatever else is waiting for its partition; completes with the row's new ETag (none for a
    /// delete) when it is stored, or fails as the action alone would have. A caller that stops waiting does not take the
    /// write back.
    /// </summary>
    public async Task<ETag?> SubmitAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return (await SubmitTogetherAsync([action], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// Writes the actions, all to one partition and each row once, all or none: they go in one transaction, alone or
    /// with what else is waiting, and fail together. Completes with each row's new ETag (none for a delete).
    /// </summary>
    public Task<IReadOnlyList<ETag?>> SubmitTogetherAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0 || actions.Count > MaxActions
            || actions.Any(a => a.Entity.PartitionKey != actions[0].Entity.PartitionKey)
            || actions.Select(a => a.Entity.RowKey).Distinct(StringComparer.Ordinal).Count() != actions.Count)
        {
            throw new ArgumentException("Writes that go together are 1 to 100 rows of one partition, each once.", nameof(actions));
        }

        var write = new Write(actions, new TaskCompletionSource<IReadOnlyList<ETag?>>(TaskCreationOptions.RunContinuationsAsynchronously));
        var partition = actions[0].Entity.PartitionKey;
        var queue = _queues.GetOrAdd(partition, _ => new PartitionQueue());
        bool start;
        lock (queue)
        {
            queue.Waiting.Enqueue(write);
            start = !queue.Committing;
            queue.Committing = true;
        }

        if (start)
        {
            _ = Task.Run(() => CommitAsync(partition, queue), CancellationToken.None);
        }

        return write.Stored.Task.WaitAsync(cancellationToken);
    }

    private async Task CommitAsync(string partition, PartitionQueue queue)
    {
        while (true)
        {
            List<Write> batch;
            lock (queue)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Committing = false;
                    // A writer that took this queue just before it left the map starts its own commit on it: still correct.
                    _queues.TryRemove(new KeyValuePair<string, PartitionQueue>(partition, queue));
                    return;
                }

                batch = TakeBatch(queue.Waiting);
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>The waiting writes from the front that fit one transaction: each row once, within the limits.</summary>
    private static List<Write> TakeBatch(Queue<Write> waiting)
    {
        var batch = new List<Write>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        int actions = 0;
        long bytes = 0;
        while (waiting.Count > 0)
        {
            var next = waiting.Peek();
            var size = next.Actions.Sum(a => EstimatedBytes(a.Entity));
            if (batch.Count > 0 && (actions + next.Actions.Count > MaxActions || next.Actions.Any(a => rows.Contains(a.Entity.RowKey)) || bytes + size > MaxEstimatedBytes))
            {
                break;
            }

            batch.Add(waiting.Dequeue());
            rows.UnionWith(next.Actions.Select(a => a.Entity.RowKey));
            actions += next.Actions.Count;
            bytes += size;
        }

        return batch;
    }

    private async Task CommitAsync(List<Write> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                var responses = (await _table.SubmitTransactionAsync(batch.SelectMany(w => w.Actions), CancellationToken.None).ConfigureAwait(false)).Value;
                var at = 0;
                foreach (var write in batch)
                {
                    write.Stored.TrySetResult(write.Actions.Select(_ => at < responses.Count ? responses[at++].Headers.ETag : (ETag?)null).ToList());
                }

                return;
            }
#pragma warning disable CA1031 // Any failure of the transaction: each write then fails or succeeds as it would alone.
            catch (Exception)
#pragma warning restore CA1031
            {
                // A transaction fails whole: each write is tried alone and answers its own caller. The stores batch
                // upserts, merges and deletes, so one that the transaction did apply after all is applied again harmlessly.
            }
        }

        foreach (var write in batch)
        {
            if (write.Actions.Count == 1)
            {
                await CommitAloneAsync(write).ConfigureAwait(false);
            }
            else
            {
                await CommitTogetherAsync(write).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes that go together, as their own transaction.</summary>
    private async Task CommitTogetherAsync(Write write)
    {
        try
        {
            var responses = (await _table.SubmitTransactionAsync(write.Actions, CancellationToken.None).ConfigureAwait(false)).Value;
            write.Stored.TrySetResult(write.Actions.Select((_, i) => i < responses.Count ? responses[i].Headers.ETag : (ETag?)null).ToList());
        }
#pragma warning disable CA1031 // Whatever the transaction failed with is its caller's to handle.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            write.Stored.TrySetException(ex);
        }
    }

    private async Task CommitAloneAsync(Write write)
    {
        var (type, entity, etag) = (write.Actions[0].ActionType, write.Actions[0].Entity, write.Actions[0].ETag);
        try
        {
            Response response = type switch
            {
                TableTransactionActionType.Add => await _table.AddEntityAsync(entity).ConfigureAwait(false),
                TableTransactionActionType.UpsertReplace => await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace).ConfigureAwait(false),
                TableTransactionActionType.UpsertMerge => await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge).ConfigureAwait(false),
                TableTransactionActionType.UpdateReplace => await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace).ConfigureAwait(false),
                TableTransactionActionType.UpdateMerge => await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge).ConfigureAwait(false),
                TableTransactionActionType.Delete => await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, etag).ConfigureAwait(false),
                _ => throw new NotSupportedException($"Table action {type} is not batched."),
            };
            write.Stored.TrySetResult([type == TableTransactionActionType.Delete ? null : response.Headers.ETag]);
        }
#pragma warning disable CA1031 // Whatever the write failed with is its caller's to handle, as if it had written alone.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            write.Stored.TrySetException(ex);
        }
    }

    private static long EstimatedBytes(ITableEntity entity)
    {
        const long PerProperty = 64;
        if (entity is not TableEntity table)
        {
            // Only property bags are batched by the stores; anything else is given an even share of the budget.
            return MaxEstimatedBytes / MaxActions;
        }

        return 512 + table.Sum(p => PerProperty + (3L * p.Key.Length) + (p.Value is string text ? 3L * text.Length : 32));
    }

    private sealed record Write(IReadOnlyList<TableTransactionAction> Actions, TaskCompletionSource<IReadOnlyList<ETag?>> Stored);

    private sealed class PartitionQueue
    {
        public Queue<Write> Waiting { get; } = new();

        public bool Committing { get; set; }
    }
}
