using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// A turn's replies between "state saved" and "delivered": a row beside the turn's ledger row
/// (<see cref="ActivityRecords.TurnPrefix"/>), written in the transaction that marks the turn handled
/// (<see cref="InboundActivityLedger.CompleteAsync"/>) and removed once everything is delivered, so a crash in between
/// loses no reply, and what a person wrote is kept only while it is on its way. A row is written already claimed by its
/// instance; a claim older than five minutes (the sender died) is taken over by the next sweep. Rows saved before they
/// moved beside the ledger are in the outbox table's partition "turns"; the sweep takes those over too, until it finds
/// none left there after an instance's first hour.
/// </summary>
public sealed class PendingReplyStore
{
    /// <summary>Where turn replies on their way were kept before they moved beside the ledger (outbox table).</summary>
    public const string PartitionBefore = RowIndex.PendingTurnsPartition;

    /// <summary>Table Storage holds at most 64 KiB (32K UTF-16 characters) in one string property; a card can be longer.</summary>
    private const int PartLength = 30_000;

    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    // Instances of the version before write to the old place while they run: an upgrade takes minutes, so an hour is ample.
    private static readonly TimeSpan SweepBeforeAtLeast = TimeSpan.FromHours(1);

    // Follow-up jobs carry ids only (which pair, which meeting), never what anyone wrote.
    private static readonly JsonSerializerOptions JobJson = new(JsonSerializerDefaults.Web);

    /// <summary>How long a claim on a row keeps other instances' sweeps away from it.</summary>
    public static TimeSpan ClaimLifetime => StaleClaim;

    private readonly TableClient _table;
    private readonly PartitionWriteBatcher _writes;
    private readonly TableClient _before;
    private readonly PartitionWriteBatcher _writesBefore;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private volatile bool _beforeEmpty;

    public PendingReplyStore(ActivityRecords records, TableStorage storage, TimeProvider time)
    {
        _table = records.Table;
        // The ledger's batcher: under load, many turns' rows and removals go in one request with the ledger's writes.
        _writes = records.Writes;
        _before = storage.Table(TableNames.Outbox);
        _writesBefore = new PartitionWriteBatcher(_before);
        _time = time;
        _startedAt = time.GetUtcNow();
    }

    /// <summary>The row key of a turn's replies.</summary>
    public static string RowKeyOf(string turnKey) => ActivityRecords.TurnPrefix + TableKey.Escape(turnKey);

    /// <summary>The write that keeps the turn's messages, claimed by this instance, for the ledger to commit with its mark.</summary>
    public TableTransactionAction SaveAction(PendingReplies replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var now = _time.GetUtcNow();
        var entity = new TableEntity(ActivityRecords.Partition, RowKeyOf(replies.Key))
        {
            ["Status"] = "sending",
            ["ClaimedAt"] = now,
            ["CreatedAt"] = now,
            ["ServiceUrl"] = replies.ServiceUrl,
            ["ConversationId"] = replies.ConversationId,
            ["Sent"] = 0,
        };
        var json = JsonSerializer.Serialize(replies.Messages, ProtocolJson.Options);
        for (int part = 0, at = 0; at < json.Length; part++, at += PartLength)
        {
            entity["Part" + part] = json.Substring(at, Math.Min(PartLength, json.Length - at));
        }

        if (replies.FollowUps.Count > 0)
        {
            entity["FollowUps"] = JsonSerializer.Serialize(replies.FollowUps, JobJson);
        }

        return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
    }

    /// <summary>Keeps the messages of a turn that has no ledger row (an activity without an id); one request, or a share of one.</summary>
    public Task SaveAsync(PendingReplies replies, CancellationToken cancellationToken) => _writes.SubmitAsync(SaveAction(replies), cancellationToken);

    /// <summary>Rows whose sender stopped before finishing (crashed, or gave up on a channel outage), taken over by this caller.</summary>
    public async Task<IReadOnlyList<PendingReplies>> TakeAbandonedAsync(int max, CancellationToken cancellationToken)
    {
        var stale = _time.GetUtcNow() - StaleClaim;
        var (start, end) = ActivityRecords.Range(ActivityRecords.TurnPrefix);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ActivityRecords.Partition} and RowKey ge {start} and RowKey lt {end} and ClaimedAt lt {stale}");
        var taken = await TakeAsync(_table, filter, false, max, cancellationToken).ConfigureAwait(false);
        if (taken.Count < max && !_beforeEmpty)
        {
            var before = await TakeAsync(_before, TableClient.CreateQueryFilter($"PartitionKey eq {PartitionBefore} and ClaimedAt lt {stale}"), true, max - taken.Count, cancellationToken)
                .ConfigureAwait(false);
            taken.AddRange(before);
            _beforeEmpty = before.Count == 0 && _time.GetUtcNow() - _startedAt > SweepBeforeAtLeast && !await AnyBeforeAsync(cancellationToken).ConfigureAwait(false);
        }

        return taken;
    }

    private async Task<bool> AnyBeforeAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in _before.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionBefore}"), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    private async Task<List<PendingReplies>> TakeAsync(TableClient table, string filter, bool before, int max, CancellationToken cancellationToken)
    {
        var taken = new List<PendingReplies>();
        if (max <= 0)
        {
            return taken;
        }

        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entity["ClaimedAt"] = _time.GetUtcNow();
            try
            {
                // The ETag of the row as read: when two instances sweep at once, only one takes it.
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                taken.Add(Read(entity, before));
            }
            catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
            {
                // Another instance took it, or it was delivered meanwhile.
            }

            if (taken.Count == max)
            {
                break;
            }
        }

        return taken;
    }

    /// <summary>Notes how many of the messages are delivered, so a takeover sends only the rest.</summary>
    public async Task MarkSentAsync(PendingReplies replies, int sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var entity = Row(replies);
        entity["Sent"] = sent;
        await WritesOf(replies).SubmitAsync(new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, ETag.All), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the row once everything is delivered (or can never be).</summary>
    public async Task RemoveAsync(PendingReplies replies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replies);
        try
        {
            await WritesOf(replies).SubmitAsync(new TableTransactionAction(TableTransactionActionType.Delete, Row(replies), ETag.All), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsNotFound(ex))
        {
            // Already removed by whoever delivered it.
        }
    }

    private PartitionWriteBatcher WritesOf(PendingReplies replies) => replies.SavedBefore ? _writesBefore : _writes;

    private static TableEntity Row(PendingReplies replies) => replies.SavedBefore
        ? new TableEntity(PartitionBefore, TableKey.Escape(replies.Key))
        : new TableEntity(ActivityRecords.Partition, RowKeyOf(replies.Key));

    private static PendingReplies Read(TableEntity entity, bool before)
    {
        var json = new StringBuilder();
        for (var part = 0; entity.GetString("Part" + part) is { } text; part++)
        {
            json.Append(text);
        }

        var messages = JsonSerializer.Deserialize<List<PendingMessage>>(json.Length == 0 ? "[]" : json.ToString(), ProtocolJson.Options) ?? [];
        var key = TableKey.Unescape(before ? entity.RowKey : entity.RowKey[ActivityRecords.TurnPrefix.Length..]);
        return new PendingReplies(key, entity.GetString("ServiceUrl") ?? "", entity.GetString("ConversationId") ?? "", messages)
        {
            SavedBefore = before,
            Sent = entity.GetInt32("Sent") ?? 0,
            FollowUps = entity.GetString("FollowUps") is { } followUps ? JsonSerializer.Deserialize<List<Job>>(followUps, JobJson) ?? [] : [],
        };
    }
}
