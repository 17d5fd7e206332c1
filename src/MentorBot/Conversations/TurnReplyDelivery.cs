using System.Threading.Channels;
using MentorBot.Protocol.Connector;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MentorBot.Conversations;

/// <summary>
/// Sends saved turn replies in the background, so an HTTP answer never waits on a call to the channel. A few
/// workers take what this instance just saved; a sweep every half minute (and once at start) takes over the rows
/// an instance left behind when it died.
/// </summary>
public sealed partial class TurnReplyDelivery : BackgroundService
{
    private const int Workers = 8;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly Channel<PendingReplies> _queue = Channel.CreateUnbounded<PendingReplies>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly TurnReplySender _sender;
    private readonly PendingReplyStore _store;
    private readonly ILogger<TurnReplyDelivery> _logger;
    private int _inFlight;

    public TurnReplyDelivery(TurnReplySender sender, PendingReplyStore store, ILogger<TurnReplyDelivery> logger)
    {
        _sender = sender;
        _store = store;
        _logger = logger;
    }

    /// <summary>Messages saved or taken over and not yet finished with, in this instance.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Hands saved replies to the workers; returns at once.</summary>
    public void Enqueue(PendingReplies replies)
    {
        Interlocked.Increment(ref _inFlight);
        if (!_queue.Writer.TryWrite(replies))
        {
            // Shutting down: the row is saved and the next instance's sweep sends it.
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Waits until nothing this instance holds is still on its way (for tests and a graceful stop).</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (InFlight > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>A graceful stop first lets the workers finish what is queued (a few seconds at most).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await WhenIdleAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)).ToList();
        workers.Add(SweepAsync(stoppingToken));
        return Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var replies in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    // Someone just acted and waits for these: they go ahead of background fan-out at the pacer.
                    using var lane = ConnectorLane.Interactive();
                    await _sender.SendAsync(replies, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage failed while noting progress: the row keeps its claim and the sweep takes it over later.
                    LogSendFailed(ex);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is left stays saved for the next start.
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var replies in await _store.TakeAbandonedAsync(100, stoppingToken).ConfigureAwait(false))
                {
                    Enqueue(replies);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }

            try
            {
                // Physical time: the sweep interval is about load, not about the domain clock.
                await Task.Delay(SweepInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering a turn's replies failed; the saved row is tried again later")]
    private partial void LogSendFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for abandoned turn replies failed; retrying on the next sweep")]
    private partial void LogSweepFailed(Exception exception);
}
