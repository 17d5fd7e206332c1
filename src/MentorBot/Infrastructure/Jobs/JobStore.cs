using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Infrastructure.Jobs;

/// <summary>
/// Jobs in Table Storage. Pending jobs live in one partition and are claimed with their ETag and a lease, so
/// several service instances share the work and a job whose instance died is picked up when its lease ends.
/// A finished job leaves a row in the "done" partition, so the same job can never be scheduled again.
/// </summary>
public sealed class JobStore
{
    // Not in the row index: data rights read it whole (RowIndex.Keeps).
    private const string Pending = RowIndex.PendingJobsPartition;
    private const string Done = "done";
    private const string Dead = "dead";

    private readonly TableClient _table;
    private readonly TimeProvider _time;
    private TaskCompletionSource _scheduled = NewSignal();

    public JobStore(TableStorage storage, TimeProvider time)
    {
        _table = storage.Table(TableNames.Jobs);
        _time = time;
    }

    /// <summary>
    /// Completes when this process schedules a job that is due already (or one it put back becomes due), so the runner
    /// and the worker take it at once instead of at their next look (an import's registrations start their pairs while
    /// the import goes on).
    /// </summary>
    public Task WhenDueJobScheduled => Volatile.Read(ref _scheduled).Task;

    /// <summary>Schedules a job; false when it is already scheduled or has already run.</summary>
    public async Task<bool> ScheduleAsync(Job job, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(job.Kind, job.Key);
        var done = await _table.GetEntityIfExistsAsync<TableEntity>(Done, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return !done.HasValue && await ScheduleAgainAsync(job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Schedules work that has to run again although a job of the same key ran before (a turn's follow-up that failed
    /// when a later press ran it once more): a done row does not stop it. False when it is already pending.
    /// </summary>
    public async Task<bool> ScheduleAgainAsync(Job job, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(Pending, job, leasedUntil: DateTimeOffset.MinValue), cancellationToken).ConfigureAwait(false);
            if (job.DueAt <= _time.GetUtcNow())
            {
                SignalDueJob();
            }

            return true;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// Completes <see cref="WhenDueJobScheduled"/> after <paramref name="delay"/> of physical time: a job put back for the
    /// channel's Retry-After runs when the channel said, not at the worker's next poll.
    /// </summary>
    public void SignalDueAfter(TimeSpan delay) =>
        _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero).ContinueWith(_ => SignalDueJob(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    private void SignalDueJob() => Interlocked.Exchange(ref _scheduled, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Pending jobs due at <paramref name="now"/> whose lease (if any) has run out, earliest first.</summary>
    public async Task<IReadOnlyList<ClaimableJob>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = new List<ClaimableJob>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Pending} and DueAt le {now} and LeasedUntil lt {now}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(new ClaimableJob(Read(entity), entity.ETag));
        }

        return due.OrderBy(j => j.Job.DueAt).Take(max).ToList();
    }

    /// <summary>Takes a job for <paramref name="lease"/>; false when another instance took it first.</summary>
    public async Task<ClaimableJob?> TryClaimAsync(ClaimableJob job, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(Pending, job.Job, now + lease), job.ETag, TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            return job with { ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
        {
            return null;
        }
    }

    public async Task CompleteAsync(ClaimableJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = ToEntity(Done, job.Job, DateTimeOffset.MinValue);
        done["CompletedAt"] = now;
        await _table.UpsertEntityAsync(done, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await DeletePendingAsync(job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a failed job back for a later attempt, or sets it aside after too many.</summary>
    public async Task RetryLaterAsync(ClaimableJob job, DateTimeOffset retryAt, string error, bool giveUp, CancellationToken cancellationToken)
    {
        var next = job.Job with { Attempts = job.Job.Attempts + 1, DueAt = retryAt };
        if (giveUp)
        {
            var dead = ToEntity(Dead, next, DateTimeOffset.MinValue);
            dead["LastError"] = Truncate(error);
            await _table.UpsertEntityAsync(dead, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            await DeletePendingAsync(job, cancellationToken).ConfigureAwait(false);
            return;
        }

        await PutBackAsync(job, next, error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts a job back to run at <paramref name="dueAt"/> without counting an attempt: it did not fail, the channel
    /// said "not now" (a 429), so however often that happens it never makes the job give up.
    /// </summary>
    public Task PostponeAsync(ClaimableJob job, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken) =>
        PutBackAsync(job, job.Job with { DueAt = dueAt }, reason, cancellationToken);

    private async Task PutBackAsync(ClaimableJob job, Job next, string error, CancellationToken cancellationToken)
    {
        var entity = ToEntity(Pending, next, DateTimeOffset.MinValue);
        entity["LastError"] = Truncate(error);
        try
        {
            await _table.UpdateEntityAsync(entity, job.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
        {
            // Someone else owns it now.
        }
    }

    /// <summary>Jobs that failed too often, for operators.</summary>
    public async Task<IReadOnlyList<Job>> DeadAsync(CancellationToken cancellationToken)
    {
        var dead = new List<Job>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Dead, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            dead.Add(Read(entity));
        }

        return dead;
    }

    private async Task DeletePendingAsync(ClaimableJob job, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Pending, RowKey(job.Job.Kind, job.Job.Key), job.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
        {
            // Already gone, or re-leased after our lease ran out; the done row keeps it from running again.
        }
    }

    private static string RowKey(string kind, string key) => TableKey.Escape($"{kind}/{key}");

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;

    private static TableEntity ToEntity(string partition, Job job, DateTimeOffset leasedUntil) => new(partition, RowKey(job.Kind, job.Key))
    {
        ["Kind"] = job.Kind,
        ["Key"] = job.Key,
        ["DueAt"] = job.DueAt,
        ["LeasedUntil"] = leasedUntil == DateTimeOffset.MinValue ? new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero) : leasedUntil,
        ["Attempts"] = job.Attempts,
        ["Data"] = JsonSerializer.Serialize(job.Data),
        // Says which tenant the row is in, so the row index does not note the tenant id for every job (nobody is
        // erased by a tenant id; RowIndex.IdentifiersOf): one index request fewer per job written and per job deleted.
        ["TenantId"] = job.Get("tenant"),
    };

    private static Job Read(TableEntity entity) =>
        new(entity.GetString("Kind")!, entity.GetString("Key")!, entity.GetDateTimeOffset("DueAt")!.Value)
        {
            Data = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Data") ?? "{}") ?? [],
            Attempts = entity.GetInt32("Attempts") ?? 0,
        };
}

public sealed record ClaimableJob(Job Job, ETag ETag);
