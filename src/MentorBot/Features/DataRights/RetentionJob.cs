using System.Globalization;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.Hosting;

namespace MentorBot.Features.DataRights;

/// <summary>Once a day: removes closed pairs past their retention and expired report downloads, then schedules the next day's run.</summary>
public sealed class RetentionJob : IJobHandler
{
    public const string JobKind = "retention.purge";

    private readonly RetentionPurge _purge;
    private readonly Reports.Downloads.DownloadStore _downloads;
    private readonly JobStore _jobs;

    public RetentionJob(RetentionPurge purge, Reports.Downloads.DownloadStore downloads, JobStore jobs)
    {
        _purge = purge;
        _downloads = downloads;
        _jobs = jobs;
    }

    public string Kind => JobKind;

    /// <summary>One run a day: the key is the day, so scheduling it again (a restart, a second instance) does nothing.</summary>
    public static Job For(DateTimeOffset dueAt) =>
        new(JobKind, dueAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), dueAt);

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await _jobs.ScheduleAsync(For(job.DueAt.AddDays(1)), cancellationToken).ConfigureAwait(false);
        await _purge.RunAsync(cancellationToken).ConfigureAwait(false);
        await _downloads.DeleteExpiredAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Starts the daily retention chain when the service starts (a no-op when today's run is already scheduled).</summary>
public sealed class RetentionStarter : IHostedService
{
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public RetentionStarter(JobStore jobs, TimeProvider time)
    {
        _jobs = jobs;
        _time = time;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _jobs.ScheduleAsync(RetentionJob.For(_time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException)
        {
            // Storage is not ready yet (tables are created at start-up too): the next start schedules it.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
