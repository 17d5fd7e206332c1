using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MentorBot.Infrastructure.Jobs;

/// <summary>
/// The background loop: every few seconds, and at once when this process schedules a job due now, run what is due.
/// Several instances may run it at once.
/// </summary>
public sealed partial class JobWorker : BackgroundService
{
    private readonly JobRunner _runner;
    private readonly JobStore _store;
    private readonly JobOptions _options;
    private readonly ILogger<JobWorker> _logger;

    public JobWorker(JobRunner runner, JobStore store, JobOptions options, ILogger<JobWorker> logger)
    {
        _runner = runner;
        _store = store;
        _options = options;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the round, so a job scheduled while it runs is not left to the next poll.
            var scheduled = _store.WhenDueJobScheduled;
            try
            {
                await _runner.RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Storage may be briefly unreachable; the jobs stay pending and the next round tries again.
                LogRoundFailed(ex);
            }

            try
            {
                // Physical time: the poll interval is about load, not about the domain clock. A job due now that this
                // process schedules (a coordinator's import) starts at once.
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(Task.Delay(_options.PollInterval, poll.Token), scheduled).ConfigureAwait(false);
                // Woken early: the poll's timer goes now rather than when it would have fired.
                await poll.CancelAsync().ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of background jobs failed; retrying on the next round")]
    private partial void LogRoundFailed(Exception exception);
}

/// <summary>Settings "Jobs:Enabled" (default true), "Jobs:PollSeconds" (default 15) and "Jobs:Concurrency" (default 8).</summary>
public sealed record JobOptions(bool Enabled, TimeSpan PollInterval, int Concurrency = 8);
