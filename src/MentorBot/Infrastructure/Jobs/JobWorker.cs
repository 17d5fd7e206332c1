using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MentorBot.Infrastructure.Jobs;

/// <summary>The background loop: every few seconds, run what is due. Several instances may run it at once.</summary>
public sealed partial class JobWorker : BackgroundService
{
    private readonly JobRunner _runner;
    private readonly JobOptions _options;
    private readonly ILogger<JobWorker> _logger;

    public JobWorker(JobRunner runner, JobOptions options, ILogger<JobWorker> logger)
    {
        _runner = runner;
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
                // Physical time: the poll interval is about load, not about the domain clock.
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
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
