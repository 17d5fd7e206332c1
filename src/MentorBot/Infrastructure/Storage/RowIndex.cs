using Azure;
using Azure.Data.Tables;

namespace MentorBot.Infrastructure.Storage;

/// <summary>One stored row: its table and its (escaped) keys as stored.</summary>
public readonly record struct RowRef(string Table, string PartitionKey, string RowKey)
{
    /// <summary>"table|pk|rk" with the keys URL-escaped, so the parts never hold "|" and the text is a valid key.</summary>
    public override string ToString() => Table + "|" + Uri.EscapeDataString(PartitionKey) + "|" + Uri.EscapeDataString(RowKey);

    public static RowRef? Parse(string text)
    {
        var parts = (text ?? string.Empty).Split('|');
        return parts.Length == 3 ? new RowRef(parts[0], Uri.UnescapeDataString(parts[1]), Uri.UnescapeDataString(parts[2])) : null;
    }
}

/// <summary>
/// Which stored rows name which identifier, kept with every write (<see cref="IndexedTableClient"/>), so that erase,
/// "my data" and retention read only the rows of a person or a pair. Two kinds of rows in one table:
/// "id|&lt;identifier&gt;" partitions list the rows naming it; "row|&lt;row&gt;" partitions list every identifier ever
/// noted for a row, so deleting the row removes all its entries, even of values a later update dropped. Entries are
/// written before the row, so the index can only hold more than the tables (a look-up checks the row), never less.
/// </summary>
public sealed class RowIndex
{
    /// <summary>The outbox partition of turn replies on their way (<c>PendingReplyStore</c>): rows that live for seconds.</summary>
    public const string PendingTurnsPartition = "turns";

    /// <summary>The jobs partition of work not done yet (<c>JobStore</c>): rows claimed, put back and deleted as they run.</summary>
    public const string PendingJobsPartition = "pending";

    /// <summary>
    /// A PartitionKey or RowKey holds at most 1 KiB: 512 UTF-16 characters (Understanding the Table service data model;
    /// Azurite refuses longer keys the same way). An entry's keys hold the escaped keys of its row.
    /// </summary>
    public const int MaxKeyLength = 512;

    private const int BatchLimit = 100;
    private readonly TableClient _table;

    public RowIndex(TableClient table)
    {
        _table = table;
    }

    /// <summary>
    /// False for the rows every turn writes, which data rights finds by their keys instead, so a turn does not pay two
    /// or more index requests per write: the redelivery ledger, whose only identifier is its partition (the
    /// conversation id, looked up directly by <c>StoredRows</c>); turn replies on their way, a partition holding
    /// seconds of work, and pending jobs, rewritten at every claim and deleted when done (a job's index entries cost
    /// more requests than the job), each one partition read whole by <c>StoredRows</c>; and invoke answers, a table of minutes of answers that
    /// erasing anyone empties and retention clears of what outlived its window (<c>InvokeAnswerStore</c>).
    /// </summary>
    public static bool Keeps(string table, string partitionKey) => table switch
    {
        TableNames.InboundActivities or TableNames.InvokeAnswers => false,
        // Pacing rows name no person (a conversation's pause is keyed by a digest of its id) and are written on 429s and heartbeats.
        TableNames.PacingMarkers or TableNames.LiveInstances => false,
        TableNames.Outbox => partitionKey != PendingTurnsPartition,
        TableNames.Jobs => partitionKey != PendingJobsPartition,
        _ => true,
    };

    /// <summary>Notes the identifiers the row's keys and values hold, before it is written.</summary>
    public async Task NoteAsync(string table, ITableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!Keeps(table, entity.PartitionKey))
        {
            return;
        }

        await NoteAsync(new RowRef(table, entity.PartitionKey, entity.RowKey), IdentifiersOf(entity).ToList(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Notes that the row names these identifiers (no request when there are none).</summary>
    public async Task NoteAsync(RowRef row, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        if (identifiers.Count == 0)
        {
            return;
        }

        var reverse = ReversePartition(row);
        if (reverse.Length > MaxKeyLength)
        {
            // Refused here, before the row is written, with what went wrong: Table Storage would answer only "InvalidInput".
            throw new ArgumentException(
                $"A {row.Table} row's keys are too long for the row index: {reverse.Length} characters escaped, at most {MaxKeyLength}. " +
                "A key that grows (a suffix added at each reschedule) or holds free text should be shortened where it is made.",
                nameof(row));
        }

        foreach (var chunk in identifiers.Chunk(BatchLimit))
        {
            await _table.SubmitTransactionAsync(
                chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(reverse, TableKey.Escape(i)))),
                cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(identifiers.Select(i =>
            _table.UpsertEntityAsync(new TableEntity(ForwardPartition(i), row.ToString()), TableUpdateMode.Replace, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Removes every entry of a row that is gone.</summary>
    public async Task ForgetRowAsync(RowRef row, CancellationToken cancellationToken)
    {
        var reverse = ReversePartition(row);
        var identifiers = new List<string>();
        await foreach (var entry in _table.QueryAsync<TableEntity>(e => e.PartitionKey == reverse, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            identifiers.Add(TableKey.Unescape(entry.RowKey));
        }

        await ForgetAsync(row, identifiers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the entries of the given identifiers for a row that no longer holds them (a scrubbed row).</summary>
    public async Task ForgetAsync(RowRef row, IEnumerable<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var list = identifiers.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();
        var reverse = ReversePartition(row);
        await Task.WhenAll(list.Select(i => DeleteAsync(ForwardPartition(i), row.ToString(), cancellationToken))).ConfigureAwait(false);
        // The row's own entries share a partition: one transaction per hundred, unless one of them is gone already
        // (a transaction fails whole on a missing row), then one by one.
        foreach (var chunk in list.Chunk(BatchLimit))
        {
            try
            {
                await _table.SubmitTransactionAsync(
                    chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(reverse, TableKey.Escape(i)), ETag.All)),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                await Task.WhenAll(chunk.Select(i => DeleteAsync(reverse, TableKey.Escape(i), cancellationToken))).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The rows noted as naming any of the identifiers (each once).</summary>
    public async Task<IReadOnlyCollection<RowRef>> RowsNamingAsync(IEnumerable<string> identifiers, CancellationToken cancellationToken) =>
        (await RowsNamingEachAsync(identifiers, cancellationToken).ConfigureAwait(false)).Keys.ToList();

    /// <summary>The rows noted as naming any of the identifiers, each with the identifiers (normalized) noted for it.</summary>
    public async Task<IReadOnlyDictionary<RowRef, IReadOnlyCollection<string>>> RowsNamingEachAsync(IEnumerable<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var rows = new Dictionary<RowRef, HashSet<string>>();
        foreach (var identifier in identifiers.Select(Normalize).Where(IdentifierTokens.IsIndexable).Distinct(StringComparer.Ordinal))
        {
            var partition = ForwardPartition(identifier);
            await foreach (var entry in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (RowRef.Parse(entry.RowKey) is { } row)
                {
                    if (!rows.TryGetValue(row, out var naming))
                    {
                        naming = new HashSet<string>(StringComparer.Ordinal);
                        rows[row] = naming;
                    }

                    naming.Add(identifier);
                }
            }
        }

        return rows.ToDictionary(r => r.Key, r => (IReadOnlyCollection<string>)r.Value);
    }

    /// <summary>
    /// The indexable identifiers of a row's keys and string values, except the tenant the row says it is in (every row
    /// of a tenant would name it, and nobody is erased by a tenant id) and the ids of sent messages.
    /// </summary>
    public static IEnumerable<string> IdentifiersOf(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var values = new List<string> { entity.PartitionKey, entity.RowKey };
        string? tenant = null;
        if (entity is TableEntity table)
        {
            values.AddRange(table.Where(p => p.Key is not "PartitionKey" and not "RowKey" and not "odata.etag" && !NamesNoOne(p.Key)).Select(p => p.Value).OfType<string>());
            tenant = table.GetString("TenantId");
        }
        else
        {
            values.AddRange(entity.GetType().GetProperties()
                .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0 && p.Name is not "PartitionKey" and not "RowKey" && !NamesNoOne(p.Name))
                .Select(p => p.GetValue(entity) as string).OfType<string>());
        }

        var partition = TableKey.Unescape(entity.PartitionKey ?? string.Empty);
        var bar = partition.IndexOf('|', StringComparison.Ordinal);
        tenant ??= bar > 0 && Guid.TryParse(partition[..bar], out _) ? partition[..bar] : null;
        return values.Where(v => v is not null).SelectMany(IdentifierTokens.Indexable)
            .Where(i => tenant is null || !string.Equals(i, tenant, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// Columns that hold the id of a message the bot sent ("ActivityId", "CardActivityId"): it names a message within a
    /// conversation the row names already, never a person or a pair, and nobody is looked up by it. Noting it cost
    /// two index requests per message marked sent.
    /// </summary>
    private static bool NamesNoOne(string column) => column.EndsWith("ActivityId", StringComparison.Ordinal);

    private static string Normalize(string identifier) => identifier.Trim().ToLowerInvariant();

    private static string ForwardPartition(string identifier) => "id|" + TableKey.Escape(identifier);

    private static string ReversePartition(RowRef row) => "row|" + row;

    private async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }
}
