namespace MentorBot.Infrastructure.Pacing;

/// <summary>Beats every <see cref="LiveInstanceCount.BeatEvery"/> while the service runs, and leaves the count when it stops.</summary>
public sealed partial class InstanceHeartbeat : BackgroundService
{
    private static readonly TimeSpan LeaveWithin = TimeSpan.FromSeconds(5);

    private readonly LiveInstanceCount _instances;
    private readonly ILogger<InstanceHeartbeat> _logger;

    public InstanceHeartbeat(LiveInstanceCount instances, ILogger<InstanceHeartbeat> logger)
    {
        _instances = instances;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _instances.BeatAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(LiveInstanceCount.BeatEvery, TimeProvider.System, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            within.CancelAfter(LeaveWithin);
            await _instances.LeaveAsync(within.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
        {
            // Then the others stop counting it once its last beat is LiveFor old.
            LogLeaveFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take this instance out of the live count; the others drop it within 30 s")]
    private partial void LogLeaveFailed(Exception exception);
}
