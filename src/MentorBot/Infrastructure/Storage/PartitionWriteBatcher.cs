using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace MentorBot.Infrastructure.Storage;

/// <summary>
/// Group commit for a table's shared partitions (the turn replies on their way, the invoke answers of ten minutes):
/// writes to one partition that arrive while a transaction to it is in flight go together in the next one, so under
/// load many turns' rows cost one request, while a write that finds nothing in flight goes at once, without waiting
/// for company. Writes of one row keep their order. When a transaction of several writes fails, each is tried alone,
/// so one caller's failure (a row already gone) never becomes another's.
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
    public Task<ETag?> SubmitAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var write = new Write(action, new TaskCompletionSource<ETag?>(TaskCreationOptions.RunContinuationsAsynchronously));
        var partition = action.Entity.PartitionKey;
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
        long bytes = 0;
        while (waiting.Count > 0 && batch.Count < MaxActions)
        {
            var next = waiting.Peek();
            var size = EstimatedBytes(next.Action.Entity);
            if (batch.Count > 0 && (rows.Contains(next.Action.Entity.RowKey) || bytes + size > MaxEstimatedBytes))
            {
                break;
            }

            batch.Add(waiting.Dequeue());
            rows.Add(next.Action.Entity.RowKey);
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
                var responses = (await _table.SubmitTransactionAsync(batch.Select(w => w.Action), CancellationToken.None).ConfigureAwait(false)).Value;
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Stored.TrySetResult(i < responses.Count ? responses[i].Headers.ETag : null);
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
            await CommitAloneAsync(write).ConfigureAwait(false);
        }
    }

    private async Task CommitAloneAsync(Write write)
    {
        var (type, entity, etag) = (write.Action.ActionType, write.Action.Entity, write.Action.ETag);
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
            write.Stored.TrySetResult(type == TableTransactionActionType.Delete ? null : response.Headers.ETag);
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

    private sealed record Write(TableTransactionAction Action, TaskCompletionSource<ETag?> Stored);

    private sealed class PartitionQueue
    {
        public Queue<Write> Waiting { get; } = new();

        public bool Committing { get; set; }
    }
}
