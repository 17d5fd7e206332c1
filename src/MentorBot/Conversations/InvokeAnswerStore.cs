using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Conversations;

/// <summary>
/// The first answer to an invoke, kept only while the channel may still redeliver it. An answer can quote what a
/// person wrote ("Your answer: …"), so it lives apart from the ledger's ids: partitioned by the ten minutes it was
/// given in, and a job per partition removes the whole partition once the redelivery window has passed.
/// </summary>
public sealed class InvokeAnswerStore
{
    /// <summary>How long a redelivery is answered with the first answer; after it, "Already done." is enough.</summary>
    public static readonly TimeSpan RedeliveryWindow = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan BucketLength = TimeSpan.FromMinutes(10);

    private readonly TableClient _table;
    private readonly PartitionWriteBatcher _writes;
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    // Buckets this instance already scheduled a forget job for: one schedule per bucket, not one per invoke.
    private readonly ConcurrentDictionary<string, bool> _scheduled = new(StringComparer.Ordinal);

    public InvokeAnswerStore(TableStorage storage, JobStore jobs, TimeProvider time)
    {
        _table = storage.Table(TableNames.InvokeAnswers);
        // Every invoke of ten minutes writes to one partition: under load, many answers go in one request.
        _writes = new PartitionWriteBatcher(_table);
        _jobs = jobs;
        _time = time;
    }

    /// <summary>Keeps the answer for the redelivery window; returns the bucket to note on the ledger row.</summary>
    public async Task<string> SaveAsync(string conversationId, string activityId, string answerJson, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var bucket = Bucket(now);
        if (!_scheduled.ContainsKey(bucket))
        {
            await _jobs.ScheduleAsync(ForgetInvokeAnswersJob.For(bucket, BucketStart(bucket) + BucketLength + RedeliveryWindow), cancellationToken)
                .ConfigureAwait(false);
            _scheduled[bucket] = true;
        }

        var entity = new TableEntity(bucket, RowKey(conversationId, activityId)) { ["Answer"] = answerJson };
        await _writes.SubmitAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity), cancellationToken).ConfigureAwait(false);
        return bucket;
    }

    /// <summary>The answer given in <paramref name="bucket"/>, or null when the window has passed or it is gone.</summary>
    public async Task<string?> FindAsync(string bucket, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        if (!IsBucket(bucket) || BucketStart(bucket) + BucketLength + RedeliveryWindow < _time.GetUtcNow())
        {
            return null;
        }

        var found = await _table.GetEntityIfExistsAsync<TableEntity>(bucket, RowKey(conversationId, activityId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return found.HasValue && found.Value is not null ? found.Value.GetString("Answer") : null;
    }

    /// <summary>Removes every answer of a bucket; returns how many.</summary>
    public Task<int> ForgetAsync(string bucket, CancellationToken cancellationToken) =>
        _table.DeleteInRunsAsync(_table.QueryAsync<TableEntity>(e => e.PartitionKey == bucket, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken), cancellationToken);

    /// <summary>
    /// Removes every answer kept (erasing a person: an answer does not say whose words it quotes). A redelivery then
    /// gets "Already done." instead of the first answer. The table holds minutes of answers (each bucket's job removes
    /// it), so it is read whole, which also covers a bucket whose job failed: these rows are not in the row index.
    /// </summary>
    public Task<int> ForgetAllAsync(CancellationToken cancellationToken) => ForgetWhereAsync(_ => true, cancellationToken);

    /// <summary>Removes the answers whose redelivery window has passed and that are still here (their bucket's job failed).</summary>
    public Task<int> ForgetExpiredAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return ForgetWhereAsync(bucket => !IsBucket(bucket) || BucketStart(bucket) + BucketLength + RedeliveryWindow < now, cancellationToken);
    }

    private Task<int> ForgetWhereAsync(Func<string, bool> bucketGoes, CancellationToken cancellationToken) =>
        _table.DeleteInRunsAsync(
            _table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).Where(e => bucketGoes(e.PartitionKey)),
            cancellationToken);

    private static string RowKey(string conversationId, string activityId) => TableKey.Escape(conversationId) + "|" + TableKey.Escape(activityId);

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
