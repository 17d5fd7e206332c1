using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// A turn's replies between "state saved" and "delivered", in the outbox table's partition "turns" (outbox rows of
/// people are partitioned by "tenant|person", so the two never meet). The row is written before the turn is marked
/// handled and removed once everything is delivered, so a crash in between loses no reply, and what a person wrote
/// is kept only while it is on its way. A row is written already claimed by its instance; a claim older than five
/// minutes (the sender died) is taken over by the next sweep.
/// </summary>
public sealed class PendingReplyStore
{
    public const string Partition = RowIndex.PendingTurnsPartition;

    /// <summary>Table Storage holds at most 64 KiB (32K UTF-16 characters) in one string property; a card can be longer.</summary>
    private const int PartLength = 30_000;

    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    // Follow-up jobs carry ids only (which pair, which meeting), never what anyone wrote.
    private static readonly JsonSerializerOptions JobJson = new(JsonSerializerDefaults.Web);

    /// <summary>How long a claim on a row keeps other instances' sweeps away from it.</summary>
    public static TimeSpan ClaimLifetime => StaleClaim;

    private readonly TableClient _table;
    private readonly PartitionWriteBatcher _writes;
    private readonly TimeProvider _time;

    public PendingReplyStore(TableStorage storage, TimeProvider time)
    {
        _table = storage.Table(TableNames.Outbox);
        // Every turn writes and removes a row of the one partition: under load, many turns' rows go in one request.
        _writes = new PartitionWriteBatcher(_table);
        _time = time;
    }

    /// <summary>Keeps the turn's messages, claimed by this instance; one request, or a share of one under load.</summary>
    public async Task SaveAsync(PendingReplies replies, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var entity = new TableEntity(Partition, TableKey.Escape(replies.Key))
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

        await _writes.SubmitAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows whose sender stopped before finishing (crashed, or gave up on a channel outage), taken over by this caller.</summary>
    public async Task<IReadOnlyList<PendingReplies>> TakeAbandonedAsync(int max, CancellationToken cancellationToken)
    {
        var taken = new List<PendingReplies>();
        var stale = _time.GetUtcNow() - StaleClaim;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and ClaimedAt lt {stale}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entity["ClaimedAt"] = _time.GetUtcNow();
            try
            {
                // The ETag of the row as read: when two instances sweep at once, only one takes it.
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                taken.Add(Read(entity));
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
        var entity = new TableEntity(Partition, TableKey.Escape(replies.Key)) { ["Sent"] = sent };
        await _writes.SubmitAsync(new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, ETag.All), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the row once everything is delivered (or can never be).</summary>
    public async Task RemoveAsync(PendingReplies replies, CancellationToken cancellationToken)
    {
        try
        {
            var row = new TableEntity(Partition, TableKey.Escape(replies.Key));
            await _writes.SubmitAsync(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsNotFound(ex))
        {
            // Already removed by whoever delivered it.
        }
    }

    private static PendingReplies Read(TableEntity entity)
    {
        var json = new StringBuilder();
        for (var part = 0; entity.GetString("Part" + part) is { } text; part++)
        {
            json.Append(text);
        }

        var messages = JsonSerializer.Deserialize<List<PendingMessage>>(json.Length == 0 ? "[]" : json.ToString(), ProtocolJson.Options) ?? [];
        return new PendingReplies(TableKey.Unescape(entity.RowKey), entity.GetString("ServiceUrl") ?? "", entity.GetString("ConversationId") ?? "", messages)
        {
            Sent = entity.GetInt32("Sent") ?? 0,
            FollowUps = entity.GetString("FollowUps") is { } followUps ? JsonSerializer.Deserialize<List<Job>>(followUps, JobJson) ?? [] : [],
        };
    }
}
