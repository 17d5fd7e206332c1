using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Conversations;

/// <summary>
/// Makes a redelivered activity (same conversation and activity id) count once. An activity is claimed before it
/// is processed and marked done after; a claim whose processing failed is released so the channel's retry works,
/// and a claim left behind by a crashed instance can be taken over once it is stale. The row holds ids and the status
/// only: an invoke's first answer, which may quote a person's words, is a row of its own (<see cref="InvokeAnswerStore"/>)
/// kept for the redelivery window and then removed. Rows go a day after their activity (<see cref="ForgetOldAsync"/>).
/// Every activity's row is in one partition (<see cref="ActivityRecords"/>), keyed "conversation|activity"
/// (<see cref="Key"/>): a turn's mark, its answer and its replies on their way are one transaction, and under load the
/// claims and marks of many turns go in one request each (<see cref="PartitionWriteBatcher"/>).
/// </summary>
public sealed class InboundActivityLedger
{
    /// <summary>
    /// How long an activity's ids are kept. Bot Service redelivers an activity it got no answer to within seconds to
    /// minutes; a day also covers a Teams client resending after it was offline, and then the row names a person's chat
    /// for nothing, so it goes.
    /// </summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    /// <summary>The partition every activity's row is in.</summary>
    public const string Partition = ActivityRecords.Partition;

    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(2);

    private readonly TableClient _table;
    private readonly PartitionWriteBatcher _writes;
    private readonly InvokeAnswerStore _answers;
    private readonly PendingReplyStore _replies;
    private readonly TimeProvider _time;

    public InboundActivityLedger(ActivityRecords records, InvokeAnswerStore answers, PendingReplyStore replies, TimeProvider time)
    {
        _table = records.Table;
        _writes = records.Writes;
        _answers = answers;
        _replies = replies;
        _time = time;
    }

    /// <summary>Claims an activity for processing; returns the previous outcome when it was already handled or is in hand.</summary>
    public async Task<InboundClaim> ClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var entity = new InboundActivityEntity
        {
            PartitionKey = Partition,
            RowKey = Key(conversationId, activityId),
            Status = InboundActivityEntity.Processing,
            ClaimedAt = _time.GetUtcNow(),
        };

        try
        {
            var etag = await _writes.SubmitAsync(new TableTransactionAction(TableTransactionActionType.Add, entity), cancellationToken).ConfigureAwait(false);
            entity.ETag = etag ?? ETag.All;
            return InboundClaim.Claimed(entity, conversationId, activityId);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            var existing = (await _table.GetEntityAsync<InboundActivityEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)
                .ConfigureAwait(false)).Value;
            if (existing.Status == InboundActivityEntity.Processing && _time.GetUtcNow() - existing.ClaimedAt > StaleClaim)
            {
                // The instance that claimed it died before finishing: take it over, unless another instance just did.
                existing.ClaimedAt = _time.GetUtcNow();
                try
                {
                    var response = await _table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    existing.ETag = response.Headers.ETag ?? ETag.All;
                    return InboundClaim.Claimed(existing, conversationId, activityId);
                }
                catch (RequestFailedException stale) when (StorageConflict.IsStale(stale))
                {
                    return InboundClaim.Duplicate(null);
                }
            }

            return InboundClaim.Duplicate(await PreviousAnswerAsync(existing, conversationId, activityId, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Records that the activity was handled, with the turn's replies on their way and the invoke response to give a
    /// redelivery: one transaction, so the turn never counts as handled without its replies kept, nor its replies kept
    /// for a turn that will run again.
    /// </summary>
    public async Task CompleteAsync(InboundClaim claim, string? invokeResponseJson, PendingReplies? replies, CancellationToken cancellationToken)
    {
        var entity = claim.Entity!;
        entity.Status = InboundActivityEntity.Done;
        entity.InvokeResponseJson = null;
        var writes = new List<TableTransactionAction>(3);
        if (replies is not null)
        {
            writes.Add(_replies.SaveAction(replies));
        }

        entity.AnswerBucket = null;
        entity.AnswerKeptBeside = null;
        if (invokeResponseJson is not null)
        {
            var (bucket, save) = await _answers.PrepareAsync(claim.ConversationId, claim.ActivityId, invokeResponseJson, cancellationToken).ConfigureAwait(false);
            entity.AnswerBucket = bucket;
            entity.AnswerKeptBeside = true;
            writes.Add(save);
        }

        writes.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, ETag.All));
        await _writes.SubmitTogetherAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The row key of an activity: the conversation's escaped id, '|', the activity's. A '|' in the conversation id is
    /// escaped too, so the first '|' always ends it and <see cref="ConversationRange"/> finds exactly its rows.
    /// </summary>
    public static string Key(string conversationId, string activityId) => ConversationPrefix(conversationId) + TableKey.Escape(activityId);

    /// <summary>The row keys of one conversation's activities, as a range: from <c>start</c> (inclusive) to <c>end</c>.</summary>
    public static (string Start, string End) ConversationRange(string conversationId)
    {
        var prefix = ConversationPrefix(conversationId);
        // '}' follows '|' in ordinal order, so every key that starts with the prefix sorts below prefix-without-'|' + '}'.
        return (prefix, prefix[..^1] + "}");
    }

    private static string ConversationPrefix(string conversationId) =>
        TableKey.Escape(conversationId).Replace("|", "%7C", StringComparison.Ordinal) + "|";

    private async Task<string?> PreviousAnswerAsync(InboundActivityEntity existing, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        if (existing.AnswerBucket is { } bucket)
        {
            return await _answers.FindAsync(bucket, existing.AnswerKeptBeside == true, conversationId, activityId, cancellationToken).ConfigureAwait(false);
        }

        // Rows written before answers moved out kept the answer here; within the window it is still given.
        return existing.InvokeResponseJson is { } legacy && _time.GetUtcNow() - existing.ClaimedAt <= InvokeAnswerStore.RedeliveryWindow ? legacy : null;
    }

    /// <summary>
    /// Removes the rows of activities claimed longer than <see cref="KeptFor"/> ago; returns how many. Called by the
    /// daily retention run: the table holds about a day of activities, read with a filter (keys only) and deleted in
    /// transactions of up to 100 rows of its one partition, so the turns themselves pay nothing for it.
    /// </summary>
    public Task<int> ForgetOldAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow() - KeptFor;
        // Ledger rows only, by their status: the partition's turn replies on their way have a claim time too, and wait
        // (a channel outage) for as long as it takes.
        var filter = TableClient.CreateQueryFilter(
            $"ClaimedAt lt {cutoff} and (Status eq {InboundActivityEntity.Processing} or Status eq {InboundActivityEntity.Done})");
        var old = _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        return _table.DeleteInRunsAsync(old, cancellationToken);
    }

    /// <summary>Gives the activity back after a failure, so that the channel's redelivery is processed.</summary>
    public async Task ReleaseAsync(InboundClaim claim, CancellationToken cancellationToken)
    {
        var entity = claim.Entity!;
        try
        {
            await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
        {
            // Someone else has it now; nothing to give back.
        }
    }
}

public sealed class InboundClaim
{
    private InboundClaim(InboundActivityEntity? entity, string conversationId, string activityId, bool isDuplicate, string? previousInvokeResponseJson)
    {
        Entity = entity;
        ConversationId = conversationId;
        ActivityId = activityId;
        IsDuplicate = isDuplicate;
        PreviousInvokeResponseJson = previousInvokeResponseJson;
    }

    public InboundActivityEntity? Entity { get; }

    public string ConversationId { get; }

    public string ActivityId { get; }

    public bool IsDuplicate { get; }

    public string? PreviousInvokeResponseJson { get; }

    public static InboundClaim Claimed(InboundActivityEntity entity, string conversationId, string activityId) =>
        new(entity, conversationId, activityId, false, null);

    public static InboundClaim Duplicate(string? previousInvokeResponseJson) => new(null, "", "", true, previousInvokeResponseJson);
}

public sealed class InboundActivityEntity : ITableEntity
{
    public const string Processing = "processing";
    public const string Done = "done";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Status { get; set; } = Processing;
    public DateTimeOffset ClaimedAt { get; set; }
    /// <summary>Only on rows written before answers moved to <see cref="InvokeAnswerStore"/>; the migration clears it.</summary>
    public string? InvokeResponseJson { get; set; }

    /// <summary>The ten-minute bucket of <see cref="InvokeAnswerStore"/> holding the first answer, while it is kept.</summary>
    public string? AnswerBucket { get; set; }

    /// <summary>
    /// True when the answer is a row beside this one (<see cref="ActivityRecords.AnswerPrefix"/>); rows written before
    /// lack it, and their answer is in the old table of invoke answers for the rest of its window.
    /// </summary>
    public bool? AnswerKeptBeside { get; set; }
}
