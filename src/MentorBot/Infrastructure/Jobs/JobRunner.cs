using System.Collections.Concurrent;
using MentorBot.Protocol.Connector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Infrastructure.Jobs;

/// <summary>
/// Runs the jobs that are due: claims each one, runs its handler, and records it done; a failure puts it back
/// with a growing delay. Called by the background worker, and by tests after they move the clock.
/// Jobs can come back later, so their calls to the channel run in <see cref="ConnectorThrottle.ComeBackLater"/>: a
/// throttled send ends the run at once, the job is put back for the time the channel gave without counting an
/// attempt, and the slot goes on with other jobs. Until that time, no other job of the same tenant is claimed.
/// </summary>
public sealed partial class JobRunner
{
    // Longer than an outbox claim (5 minutes): when a dead instance's job runs again, its half-sent messages are
    // claimable again rather than taken for sent.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    // Bounds one call (a job that keeps scheduling itself at once cannot hold it forever); the worker calls again.
    private const int MaxClaimsPerCall = 2000;

    // Groups in a row that claimed nothing, with none running, before the call leaves the rest to the next one.
    private const int QuietReadsBeforeGivingUp = 3;

    // After a job due now was scheduled, how long to wait for more before reading (an import schedules one per row).
    private static readonly TimeSpan GatherScheduled = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan[] RetryDelays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    private readonly JobStore _store;
    private readonly Lazy<Dictionary<string, IJobHandler>> _handlers;
    private readonly TimeProvider _time;
    private readonly JobOptions _options;
    private readonly ILogger<JobRunner> _logger;

    // Tenant -> when the channel lets its sends through again, on network time (the connector's clock, not _time).
    private readonly ConcurrentDictionary<string, DateTimeOffset> _throttledTenants = new(StringComparer.Ordinal);

    public JobRunner(JobStore store, IServiceProvider services, TimeProvider time, JobOptions options, ILogger<JobRunner> logger)
    {
        _store = store;
        _options = options;
        // Handlers are resolved when jobs first run: a handler may itself schedule jobs through this runner.
        _handlers = new(() => services.GetServices<IJobHandler>().ToDictionary(h => h.Kind, StringComparer.Ordinal));
        _time = time;
        _logger = logger;
    }

    public Task<bool> ScheduleAsync(Job job, CancellationToken cancellationToken) => _store.ScheduleAsync(job, cancellationToken);

    /// <summary>
    /// Runs a job at once in this process, without claiming a stored row: a turn's follow-up, which its saved reply row
    /// already keeps safe. When it fails, it becomes an ordinary stored job, retried with the usual delays.
    /// </summary>
    public async Task RunNowAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_handlers.Value.TryGetValue(job.Kind, out var handler))
        {
            LogNoHandler(job.Kind, job.Key);
            return;
        }

        try
        {
            await handler.RunAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (ex.IsThrottled && ex.RetryAt is { } retryAt)
        {
            // Not a failure: it becomes a stored job for the time the channel gave, not counted as an attempt. (Handing the
            // throttle to the caller instead would lose it when the caller is a job whose own work is already done.)
            LogThrottled(job.Kind, job.Key, retryAt);
            await _store.ScheduleAgainAsync(job with { DueAt = retryAt }, CancellationToken.None).ConfigureAwait(false);
            _store.SignalDueAfter(retryAt - TimeProvider.System.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(ex, job.Kind, job.Key, 1, false);
            // Again even if this key ran to completion before: this run, not that one, is what failed.
            await _store.ScheduleAgainAsync(job with { Attempts = 1, DueAt = _time.GetUtcNow() + RetryDelays[0] }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs every job due now, until none is left; returns how many ran to completion. Up to
    /// <see cref="JobOptions.Concurrency"/> groups run at once, and a slot that frees up takes the next group at once
    /// (jobs a running job scheduled included), so one long job, such as an import, never holds the others back.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var completed = 0;
        var claims = 0;
        var quietReads = 0;
        var backlog = new List<ClaimableJob>();
        var running = new Dictionary<string, Task<(int Claimed, int Completed)>>(StringComparer.Ordinal);
        var scheduledSinceRead = _store.WhenDueJobScheduled;
        Exception? failure = null;
        while (failure is null && claims < MaxClaimsPerCall)
        {
            if (running.Count < _options.Concurrency)
            {
                // What is left of the last read, unless it holds only groups already running: then read again.
                backlog.RemoveAll(j => IsTenantThrottled(j.Job));
                if (!backlog.Any(j => !running.ContainsKey(GroupOf(j.Job))))
                {
                    try
                    {
                        scheduledSinceRead = _store.WhenDueJobScheduled;
                        backlog = (await _store.DueAsync(_time.GetUtcNow(), 100, cancellationToken).ConfigureAwait(false))
                            .Where(j => !IsTenantThrottled(j.Job)).ToList();
                    }
                    catch (Exception ex) when (running.Count > 0)
                    {
                        // Storage failing midway: the groups in hand finish first, then the failure is reported.
                        failure = ex;
                        break;
                    }
                }

                foreach (var group in backlog.GroupBy(j => GroupOf(j.Job), StringComparer.Ordinal).Where(g => !running.ContainsKey(g.Key)).ToList())
                {
                    if (running.Count >= _options.Concurrency)
                    {
                        break;
                    }

                    backlog.RemoveAll(j => GroupOf(j.Job) == group.Key);
                    running[group.Key] = RunGroupAsync(group.ToList(), cancellationToken);
                }
            }

            if (running.Count == 0)
            {
                // Nothing due that this instance may run now.
                break;
            }

            if (running.Count < _options.Concurrency)
            {
                // Free slots: a job due now scheduled meanwhile (a long import registering pairs) is read at once, with
                // whatever else is scheduled in the next moment, rather than when a running group ends.
                var woke = await Task.WhenAny(running.Values.Append(scheduledSinceRead)).ConfigureAwait(false);
                if (woke == scheduledSinceRead && !running.Values.Any(t => t.IsCompleted))
                {
                    await Task.Delay(GatherScheduled, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            else
            {
                await Task.WhenAny(running.Values).ConfigureAwait(false);
            }

            foreach (var (group, task) in running.Where(r => r.Value.IsCompleted).ToList())
            {
                running.Remove(group);
                try
                {
                    var (claimed, done) = await task.ConfigureAwait(false);
                    claims += claimed;
                    completed += done;
                    quietReads = claimed == 0 ? quietReads + 1 : 0;
                }
                catch (Exception ex)
                {
                    // Storage failing midway: let the groups in hand finish, then report it (the worker tries again later).
                    failure ??= ex;
                }
            }

            if (quietReads > QuietReadsBeforeGivingUp && running.Count == 0)
            {
                // Due jobs that cannot be claimed (others hold them): leave them to the next round.
                break;
            }
        }

        var rest = await Task.WhenAll(running.Values.Select(async t =>
        {
            try
            {
                return (await t.ConfigureAwait(false)).Completed;
            }
            catch (Exception ex)
            {
                failure ??= ex;
                return 0;
            }
        })).ConfigureAwait(false);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return completed + rest.Sum();
    }

    // Jobs of one pair (or one mentor's calendar) run one after another, so they never race on the same records;
    // different pairs run side by side, which is what lets a fan-out approach the platform's limits.
    private static string GroupOf(Job job) => job.Get("pair") ?? job.Get("mentor") ?? job.Key;

    private async Task<(int Claimed, int Completed)> RunGroupAsync(IReadOnlyList<ClaimableJob> group, CancellationToken cancellationToken)
    {
        // Off the caller's thread at once, so starting a group never runs its first job inline.
        await Task.Yield();
        int claimed = 0, completed = 0;
        foreach (var candidate in group)
        {
            if (IsTenantThrottled(candidate.Job))
            {
                // Its sends would only be throttled again: no claim, no retry written, until the pause ends.
                continue;
            }

            var job = await _store.TryClaimAsync(candidate, _time.GetUtcNow(), Lease, cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                continue;
            }

            claimed++;
            if (await RunOneAsync(job, cancellationToken).ConfigureAwait(false))
            {
                completed++;
            }
        }

        return (claimed, completed);
    }

    private async Task<bool> RunOneAsync(ClaimableJob claimed, CancellationToken cancellationToken)
    {
        var job = claimed.Job;
        if (!_handlers.Value.TryGetValue(job.Kind, out var handler))
        {
            await _store.RetryLaterAsync(claimed, _time.GetUtcNow(), $"No handler for job kind '{job.Kind}'.", giveUp: true, cancellationToken).ConfigureAwait(false);
            return false;
        }

        try
        {
            using (ConnectorThrottle.ComeBackLater())
            {
                await handler.RunAsync(job, cancellationToken).ConfigureAwait(false);
            }

            await _store.CompleteAsync(claimed, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConnectorException ex) when (ex.IsThrottled)
        {
            // Not a failure (the outbox entry it claimed is pending again): the job runs again when the channel said.
            var wait = ex.RetryAt!.Value - TimeProvider.System.GetUtcNow();
            // A tenant-wide pause holds back the tenant's other jobs; a paused or full conversation holds only its own.
            if (ex.HoldsTenant && job.Get("tenant") is { } tenant)
            {
                _throttledTenants.AddOrUpdate(tenant, ex.RetryAt.Value, (_, known) => known > ex.RetryAt.Value ? known : ex.RetryAt.Value);
            }

            LogThrottled(job.Kind, job.Key, ex.RetryAt.Value);
            var dueAt = _time.GetUtcNow() + (wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            await _store.PostponeAsync(claimed, dueAt, ex.Message, CancellationToken.None).ConfigureAwait(false);
            _store.SignalDueAfter(wait);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var giveUp = job.Attempts + 1 >= RetryDelays.Length;
            LogFailed(ex, job.Kind, job.Key, job.Attempts + 1, giveUp);
            var retryAt = _time.GetUtcNow() + RetryDelays[Math.Min(job.Attempts, RetryDelays.Length - 1)];
            await _store.RetryLaterAsync(claimed, retryAt, ex.Message, giveUp, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No handler for the follow-up job {Kind}/{Key}; it is dropped")]
    private partial void LogNoHandler(string kind, string key);

    private bool IsTenantThrottled(Job job)
    {
        if (job.Get("tenant") is not { } tenant || !_throttledTenants.TryGetValue(tenant, out var until))
        {
            return false;
        }

        if (until > TimeProvider.System.GetUtcNow())
        {
            return true;
        }

        _throttledTenants.TryRemove(KeyValuePair.Create(tenant, until));
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Kind}/{Key} was throttled by the channel; it runs again at {RetryAt:O} (not counted as an attempt)")]
    private partial void LogThrottled(string kind, string key, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind}/{Key} failed (attempt {Attempt}, giving up: {GiveUp})")]
    private partial void LogFailed(Exception exception, string kind, string key, int attempt, bool giveUp);
}
