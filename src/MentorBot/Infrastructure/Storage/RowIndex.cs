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
/// "my data" and retention read only the rows of a person or a pair. A row's entries all live in one of
/// <see cref="Shards"/> partitions, chosen by the row, so noting a row costs one transaction however many identifiers
/// it names, and forgetting it a query and a transaction. In that partition, "id|&lt;identifier&gt;|…" entries list the
/// rows naming an identifier (a look-up reads its range in every shard), and "row|&lt;table&gt;|&lt;row digest&gt;|…"
/// entries every identifier ever noted for a row, so deleting the row removes all its entries, even of values a later
/// update dropped. Entries are written before the row, so the index can only hold more than the tables (a look-up
/// checks the row), never less.
/// </summary>
public sealed class RowIndex
{
    /// <summary>The outbox partition of turn replies on their way (<c>PendingReplyStore</c>): rows that live for seconds.</summary>
    public const string PendingTurnsPartition = "turns";

    /// <summary>The jobs partition of work not done yet (<c>JobStore</c>): rows claimed, put back and deleted as they run.</summary>
    public const string PendingJobsPartition = "pending";

    /// <summary>
    /// A PartitionKey or RowKey holds at most 1 KiB: 512 UTF-16 characters (Understanding the Table service data model;
    /// Azurite refuses longer keys the same way). The index's own keys are short whatever the row's (a digest of the
    /// row), but a row with a longer key is refused here with what went wrong, before anything is written.
    /// </summary>
    public const int MaxKeyLength = 512;

    /// <summary>
    /// Partitions the entries are spread over. One would do for the requests, but a partition serves about 2,000
    /// entities a second (Scalability and performance targets for Table storage) and a note writes two per identifier;
    /// a look-up costs one query per shard.
    /// </summary>
    public const int Shards = 8;

    // A transaction holds at most 100 operations, all in one partition: an identifier's two entries each.
    private const int IdentifiersPerTransaction = 50;

    private readonly TableClient _table;

    public RowIndex(TableClient table)
    {
        _table = table;
    }

    /// <summary>
    /// False for the rows every turn writes, which data rights finds by their keys instead, so a turn does not pay
    /// index requests per write: the redelivery ledger, whose only identifier is its conversation (read as a key range
    /// by <c>StoredRows</c>); turn replies on their way, a partition holding seconds of work, and pending jobs,
    /// rewritten at every claim and deleted when done (a job's index entries cost more requests than the job), each one
    /// partition read whole by <c>StoredRows</c>; and invoke answers, a table of minutes of answers that erasing anyone
    /// empties and retention clears of what outlived its window (<c>InvokeAnswerStore</c>).
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

    /// <summary>Notes that the row names these identifiers: one transaction per 50 (none when there are none).</summary>
    public async Task NoteAsync(RowRef row, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        if (identifiers.Count == 0)
        {
            return;
        }

        var longest = Math.Max(row.PartitionKey.Length, row.RowKey.Length);
        if (longest > MaxKeyLength)
        {
            // Refused here, before the row is written, with what went wrong: Table Storage would answer only "InvalidInput".
            throw new ArgumentException(
                $"A {row.Table} row's key is too long: {longest} characters, at most {MaxKeyLength}. " +
                "A key that grows (a suffix added at each reschedule) or holds free text should be shortened where it is made.",
                nameof(row));
        }

        var place = EntriesOf(row);
        var reference = row.ToString();
        foreach (var chunk in identifiers.Select(Normalize).Distinct(StringComparer.Ordinal).Chunk(IdentifiersPerTransaction))
        {
            await _table.SubmitTransactionAsync(
                chunk.SelectMany(i => new[]
                {
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(place.Shard, place.NamingKey(i)) { [RowColumn] = reference }),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(place.Shard, place.NotedKey(i)) { [RowColumn] = reference }),
                }),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every identifier noted for the row (normalized), whether the row still holds it or not.</summary>
    public async Task<IReadOnlyList<string>> NotedForAsync(RowRef row, CancellationToken cancellationToken)
    {
        var place = EntriesOf(row);
        var prefix = place.NotedPrefix;
        var identifiers = new List<string>();
        await foreach (var entry in _table.QueryAsync<TableEntity>(InRange(place.Shard, prefix), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            identifiers.Add(TableKey.Unescape(entry.RowKey[prefix.Length..]));
        }

        return identifiers;
    }

    /// <summary>Removes every entry of a row that is gone: a query and a transaction.</summary>
    public async Task ForgetRowAsync(RowRef row, CancellationToken cancellationToken) =>
        await ForgetAsync(row, await NotedForAsync(row, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Removes the entries of the given identifiers for a row that no longer holds them (a scrubbed row).</summary>
    public async Task ForgetAsync(RowRef row, IEnumerable<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var place = EntriesOf(row);
        foreach (var chunk in identifiers.Select(Normalize).Distinct(StringComparer.Ordinal).Chunk(IdentifiersPerTransaction))
        {
            var keys = chunk.SelectMany(i => new[] { place.NamingKey(i), place.NotedKey(i) }).ToList();
            try
            {
                await _table.SubmitTransactionAsync(
                    keys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(place.Shard, k), ETag.All)), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // A transaction fails whole on a missing entry (one never noted, or gone already): then one by one.
                await Task.WhenAll(keys.Select(k => DeleteAsync(place.Shard, k, cancellationToken))).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The rows noted as naming any of the identifiers (each once).</summary>
    public async Task<IReadOnlyCollection<RowRef>> RowsNamingAsync(IEnumerable<string> identifiers, CancellationToken cancellationToken) =>
        (await RowsNamingEachAsync(identifiers, cancellationToken).ConfigureAwait(false)).Keys.ToList();

    /// <summary>
    /// The rows noted as naming any of the identifiers, each with the identifiers (normalized) noted for it: a query per
    /// identifier and shard, and one of the layout before shards, whose entries a look-up moves as it finds them.
    /// </summary>
    public async Task<IReadOnlyDictionary<RowRef, IReadOnlyCollection<string>>> RowsNamingEachAsync(IEnumerable<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var rows = new Dictionary<RowRef, HashSet<string>>();
        foreach (var identifier in identifiers.Select(Normalize).Where(IdentifierTokens.IsIndexable).Distinct(StringComparer.Ordinal))
        {
            var found = await Task.WhenAll(Enumerable.Range(0, Shards)
                .Select(shard => RowsInAsync(InRange(ShardName(shard), NamingPrefix(identifier)), cancellationToken))
                .Append(LegacyRowsNamingAsync(identifier, cancellationToken))).ConfigureAwait(false);
            foreach (var row in found.SelectMany(f => f))
            {
                if (!rows.TryGetValue(row, out var naming))
                {
                    naming = new HashSet<string>(StringComparer.Ordinal);
                    rows[row] = naming;
                }

                naming.Add(identifier);
            }
        }

        return rows.ToDictionary(r => r.Key, r => (IReadOnlyCollection<string>)r.Value);
    }

    /// <summary>
    /// Moves every entry of the layout before shards ("id|…" partitions per identifier, "row|…" per row) into the shards;
    /// returns how many rows' entries were moved. Safe to run again and beside writers of either layout.
    /// </summary>
    public async Task<int> MoveLegacyEntriesAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        var naming = TableClient.CreateQueryFilter($"PartitionKey ge {LegacyNamingPrefix} and PartitionKey lt {LegacyNamingEnd}");
        await foreach (var entry in _table.QueryAsync<TableEntity>(naming, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (RowRef.Parse(entry.RowKey) is { } row)
            {
                await MoveLegacyAsync(TableKey.Unescape(entry.PartitionKey[LegacyNamingPrefix.Length..]), row, cancellationToken).ConfigureAwait(false);
                moved++;
            }
            else
            {
                await DeleteAsync(entry.PartitionKey, entry.RowKey, cancellationToken).ConfigureAwait(false);
            }
        }

        // What is left of the rows' lists had no entry of an identifier to go with (a write cut short): nothing to move.
        var noted = TableClient.CreateQueryFilter($"PartitionKey ge {LegacyNotedPrefix} and PartitionKey lt {LegacyNotedEnd}");
        await foreach (var entry in _table.QueryAsync<TableEntity>(noted, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await DeleteAsync(entry.PartitionKey, entry.RowKey, cancellationToken).ConfigureAwait(false);
        }

        return moved;
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

    /// <summary>The partition holding a row's entries: stable across instances and versions (a digest, not a hash code).</summary>
    public static string ShardOf(RowRef row) => EntriesOf(row).Shard;

    /// <summary>
    /// Columns that hold the id of a message the bot sent ("ActivityId", "CardActivityId"): it names a message within a
    /// conversation the row names already, never a person or a pair, and nobody is looked up by it. Noting it cost
    /// two index requests per message marked sent.
    /// </summary>
    private static bool NamesNoOne(string column) => column.EndsWith("ActivityId", StringComparison.Ordinal);

    private const string RowColumn = "Row";

    private static string Normalize(string identifier) => identifier.Trim().ToLowerInvariant();

    private static string ShardName(int shard) => "ix" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Where a row's entries go, from one digest of the row: its shard and "&lt;table&gt;|&lt;digest&gt;", its part of their keys.</summary>
    private static RowEntries EntriesOf(RowRef row)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(row.ToString()));
        return new RowEntries(ShardName(digest[0] % Shards), row.Table + "|" + Convert.ToHexString(digest, 0, 16));
    }

    // Identifiers hold no '|' (IdentifierTokens) and table names none, so each prefix ends where its part does; '}' is the
    // character after '|', which ends a prefix's range.
    private static string NamingPrefix(string identifier) => "id|" + TableKey.Escape(identifier) + "|";

    private readonly record struct RowEntries(string Shard, string RowPart)
    {
        public string NamingKey(string identifier) => NamingPrefix(identifier) + RowPart;

        public string NotedPrefix => "row|" + RowPart + "|";

        public string NotedKey(string identifier) => NotedPrefix + TableKey.Escape(identifier);
    }

    private static string InRange(string partition, string prefix)
    {
        var end = prefix[..^1] + "}";
        return TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}");
    }

    private async Task<List<RowRef>> RowsInAsync(string filter, CancellationToken cancellationToken)
    {
        var rows = new List<RowRef>();
        await foreach (var entry in _table.QueryAsync<TableEntity>(filter, select: [RowColumn], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (RowRef.Parse(entry.GetString(RowColumn) ?? string.Empty) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    // The layout before shards (until 2026-12-04): a partition per identifier listing its rows by reference, and one per
    // row listing its identifiers. Nothing writes it any more; instances of the version before may, during an upgrade.
    private const string LegacyNamingPrefix = "id|";
    private const string LegacyNamingEnd = "id}";
    private const string LegacyNotedPrefix = "row|";
    private const string LegacyNotedEnd = "row}";

    /// <summary>The rows an entry of the old layout lists for the identifier, each moved into the shards as it is found.</summary>
    private async Task<List<RowRef>> LegacyRowsNamingAsync(string identifier, CancellationToken cancellationToken)
    {
        var partition = LegacyNamingPrefix + TableKey.Escape(identifier);
        var rows = new List<RowRef>();
        await foreach (var entry in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (RowRef.Parse(entry.RowKey) is { } row)
            {
                rows.Add(row);
            }
        }

        foreach (var row in rows)
        {
            await MoveLegacyAsync(identifier, row, cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }

    /// <summary>Notes the old entry in the shards first, then removes it and its twin in the row's old list.</summary>
    private async Task MoveLegacyAsync(string identifier, RowRef row, CancellationToken cancellationToken)
    {
        await NoteAsync(row, [identifier], cancellationToken).ConfigureAwait(false);
        await DeleteAsync(LegacyNamingPrefix + TableKey.Escape(identifier), row.ToString(), cancellationToken).ConfigureAwait(false);
        await DeleteAsync(LegacyNotedPrefix + row, TableKey.Escape(identifier), cancellationToken).ConfigureAwait(false);
    }

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
