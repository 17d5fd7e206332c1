using System.Threading.RateLimiting;

namespace MentorBot.Protocol.Connector;

/// <summary>
/// Keeps the bot's calls to the channel under Teams' per-tenant limit (50 requests per second, protocol.md C) by
/// pacing every attempt, retries included, through one token bucket shared by all senders in the process. Waiting
/// here is cheaper than a 429 and its Retry-After.
/// </summary>
public sealed class ConnectorPacer : DelegatingHandler
{
    private readonly RateLimiter _limiter;

    public ConnectorPacer(RateLimiter limiter)
    {
        _limiter = limiter;
    }

    /// <summary>
    /// A bucket of two tokens refilled every two intervals: the rate is smooth, with bursts of at most two, so no
    /// sliding second ever holds more than the limit (a bucket refilled in larger steps lets a burst straddle two).
    /// </summary>
    public static RateLimiter CreateLimiter(int requestsPerSecond) => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 2,
        TokensPerPeriod = 2,
        ReplenishmentPeriod = TimeSpan.FromSeconds(2.0 / Math.Max(1, requestsPerSecond)),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        QueueLimit = 100_000,
        AutoReplenishment = true,
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new HttpRequestException("Too many calls to the channel are waiting; try again later.");
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The one bucket of the process, owned by the container so it is disposed with it.</summary>
public sealed class ConnectorPacerLimiter : IDisposable
{
    public ConnectorPacerLimiter(RateLimiter limiter)
    {
        Limiter = limiter;
    }

    public RateLimiter Limiter { get; }

    public void Dispose() => Limiter.Dispose();
}
