using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Conversations;

/// <summary>
/// The first answer to an invoke, kept only while the channel may still redeliver it. An answer can quote what a
/// person wrote ("Your answer: …"), so it is a row of its own beside the ledger's ids (<see cref="ActivityRecords"/>),
/// written in the transaction that marks the invoke handled, its key starting with the ten minutes it was given in; a
/// job per ten minutes removes them all once the redelivery window has passed. Answers given before they moved beside
/// the ledger are in the old table of their own, partitioned by those ten minutes, until the same jobs remove them.
/// </summary>
public sealed class InvokeAnswerStore
{
    /// <summary>How long a redelivery is answered with the first answer; after it, "Already done." is enough.</summary>
    public static readonly TimeSpan RedeliveryWindow = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan BucketLength = TimeSpan.FromMinutes(10);

    private readonly TableClient _table;
    private readonly TableClient _before;
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    // Buckets this instance already scheduled a forget job for: one schedule per bucket, not one per invoke.
    private readonly ConcurrentDictionary<string, bool> _scheduled = new(StringComparer.Ordinal);

    public InvokeAnswerStore(ActivityRecords records, TableStorage storage, JobStore jobs, TimeProvider time)
    {
        _table = records.Table;
        _before = storage.Table(TableNames.InvokeAnswers);
        _jobs = jobs;
        _time = time;
    }

    /// <summary>
    /// The write that keeps the answer for the redelivery window, for the ledger to commit with its mark, and the bucket
    /// to note on the ledger row. Makes sure the bucket's removal is scheduled first.
    /// </summary>
    public async Task<(string Bucket, TableTransactionAction Save)> PrepareAsync(
        string conversationId, string activityId, string answerJson, CancellationToken cancellationToken)
    {
        var bucket = Bucket(_time.GetUtcNow());
        if (!_scheduled.ContainsKey(bucket))
        {
            await _jobs.ScheduleAsync(ForgetInvokeAnswersJob.For(bucket, BucketStart(bucket) + BucketLength + RedeliveryWindow), cancellationToken)
                .ConfigureAwait(false);
            _scheduled[bucket] = true;
        }

        var entity = new TableEntity(ActivityRecords.Partition, RowKey(bucket, conversationId, activityId)) { ["Answer"] = answerJson };
        return (bucket, new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
    }

    /// <summary>
    /// The answer given in <paramref name="bucket"/>, or null when the window has passed or it is gone;
    /// <paramref name="keptBeside"/> false for an answer given before answers moved beside the ledger.
    /// </summary>
    public async Task<string?> FindAsync(string bucket, bool keptBeside, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        if (!IsBucket(bucket) || BucketStart(bucket) + BucketLength + RedeliveryWindow < _time.GetUtcNow())
        {
            return null;
        }

        var found = keptBeside
            ? await _table.GetEntityIfExistsAsync<TableEntity>(ActivityRecords.Partition, RowKey(bucket, conversationId, activityId), cancellationToken: cancellationToken)
                .ConfigureAwait(false)
            : await _before.GetEntityIfExistsAsync<TableEntity>(bucket, OldRowKey(conversationId, activityId), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        return found.HasValue && found.Value is not null ? found.Value.GetString("Answer") : null;
    }

    /// <summary>Removes every answer of a bucket; returns how many.</summary>
    public async Task<int> ForgetAsync(string bucket, CancellationToken cancellationToken) =>
        await _table.DeleteInRunsAsync(KeysOf(_table, ActivityRecords.RangeFilter(BucketPrefix(bucket)), cancellationToken), cancellationToken).ConfigureAwait(false)
        + await DeleteBeforeAsync(KeysOf(_before, TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Removes every answer kept (erasing a person: an answer does not say whose words it quotes). A redelivery then
    /// gets "Already done." instead of the first answer. There are minutes of answers (each bucket's job removes them),
    /// so they are read whole, which also covers a bucket whose job failed: these rows are not in the row index.
    /// </summary>
    public Task<int> ForgetAllAsync(CancellationToken cancellationToken) => ForgetWhereAsync(_ => true, cancellationToken);

    /// <summary>Removes the answers whose redelivery window has passed and that are still here (their bucket's job failed).</summary>
    public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return ForgetWhereAsync(bucket => !IsBucket(bucket) || BucketStart(bucket) + BucketLength + RedeliveryWindow < now, cancellationToken);
    }

    private async Task<int> ForgetWhereAsync(Func<string, bool> bucketGoes, CancellationToken cancellationToken) =>
        await _table.DeleteInRunsAsync(
            KeysOf(_table, ActivityRecords.RangeFilter(ActivityRecords.AnswerPrefix), cancellationToken).Where(e => bucketGoes(BucketOf(e.RowKey))), cancellationToken)
            .ConfigureAwait(false)
        + await DeleteBeforeAsync(KeysOf(_before, null, cancellationToken).Where(e => bucketGoes(e.PartitionKey)), cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes rows of the old table; none when it was never created (a store that began with answers beside the ledger).</summary>
    private async Task<int> DeleteBeforeAsync(IAsyncEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        try
        {
            return await _before.DeleteInRunsAsync(rows, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }

    private static AsyncPageable<TableEntity> KeysOf(TableClient table, string? filter, CancellationToken cancellationToken) =>
        table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);

    private static string BucketPrefix(string bucket) => ActivityRecords.AnswerPrefix + bucket + "|";

    private static string RowKey(string bucket, string conversationId, string activityId) => BucketPrefix(bucket) + OldRowKey(conversationId, activityId);

    private static string BucketOf(string rowKey)
    {
        var rest = rowKey.AsSpan(ActivityRecords.AnswerPrefix.Length);
        var end = rest.IndexOf('|');
        return end < 0 ? rest.ToString() : rest[..end].ToString();
    }

    private static string OldRowKey(string conversationId, string activityId) => TableKey.Escape(conversationId) + "|" + TableKey.Escape(activityId);

    private static string Bucket(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var start = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute / 10 * 10, 0, DateTimeKind.Utc);
        return start.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
    }

    private static bool IsBucket(string bucket) =>
        DateTime.TryParseExact(bucket, "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);

    private static DateTimeOffset BucketStart(string bucket) => new(
        DateTime.ParseExact(bucket, "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
