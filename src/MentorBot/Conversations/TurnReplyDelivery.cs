using System.Threading.Channels;
using MentorBot.Protocol.Connector;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MentorBot.Conversations;

/// <summary>
/// Sends saved turn replies in the background, so an HTTP answer never waits on a call to the channel. A few
/// workers take what this instance just saved; a sweep every half minute (and once at start) takes over the rows
/// an instance left behind when it died. A row the channel throttles is put back to be sent at the time the channel
/// gave, without a worker waiting for it (Company Communicator re-queues with a delay on 429 in the same way); the
/// row stays saved meanwhile, so a crash still leaves it to the sweep.
/// </summary>
public sealed partial class TurnReplyDelivery : BackgroundService
{
    private const int Workers = 8;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    // A throttled row is held here only while this instance's claim on it is safely alive (a minute to spare for
    // sending); past that it is left to the sweep, whose takeover by ETag makes sure one instance sends it.
    private static readonly TimeSpan HoldAtMost = PendingReplyStore.ClaimLifetime - TimeSpan.FromMinutes(1);

    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleWriter = false });
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

    /// <summary>Hands saved (and just claimed) replies to the workers; returns at once.</summary>
    public void Enqueue(PendingReplies replies)
    {
        Interlocked.Increment(ref _inFlight);
        Requeue(new Queued(replies, DateTimeOffset.UtcNow));
    }

    private void Requeue(Queued queued)
    {
        if (!_queue.Writer.TryWrite(queued))
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
            await foreach (var queued in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var stillOurs = false;
                try
                {
                    // Someone just acted and waits for these: they go ahead of background fan-out at the pacer. A
                    // throttled send comes back at once with its time instead of holding this worker.
                    using var lane = ConnectorLane.Interactive();
                    using var later = ConnectorThrottle.ComeBackLater();
                    if (await _sender.SendAsync(queued.Replies, stoppingToken).ConfigureAwait(false) is { } throttled)
                    {
                        stillOurs = HoldUntil(queued with { Replies = throttled.Rest }, throttled.RetryAt, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage failed while noting progress: the row keeps its claim and the sweep takes it over later.
                    LogSendFailed(ex);
                }
                finally
                {
                    if (!stillOurs)
                    {
                        Interlocked.Decrement(ref _inFlight);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is left stays saved for the next start.
        }
    }

    /// <summary>Puts the row back on the queue at <paramref name="retryAt"/>; false when it is left to the sweep instead.</summary>
    private bool HoldUntil(Queued queued, DateTimeOffset retryAt, CancellationToken stoppingToken)
    {
        if (retryAt > queued.ClaimedAt + HoldAtMost)
        {
            LogLeftToSweep(retryAt);
            return false;
        }

        _ = RequeueAtAsync(queued, retryAt, stoppingToken);
        return true;
    }

    private async Task RequeueAtAsync(Queued queued, DateTimeOffset retryAt, CancellationToken stoppingToken)
    {
        try
        {
            // Physical time, as the channel's Retry-After and the pacer's pause are.
            var wait = retryAt - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
            }

            Requeue(queued);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the row is saved and the sweep of the next start sends it.
            Interlocked.Decrement(ref _inFlight);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn replies throttled until {RetryAt:O}, past this instance's claim; the sweep sends them")]
    private partial void LogLeftToSweep(DateTimeOffset retryAt);

    /// <summary>A row on its way, and when this instance claimed it (saved or taken over), which bounds how long it may hold it.</summary>
    private readonly record struct Queued(PendingReplies Replies, DateTimeOffset ClaimedAt);
}
