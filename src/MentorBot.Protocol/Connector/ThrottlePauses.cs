namespace MentorBot.Protocol.Connector;

/// <summary>
/// Where a tenant's pause after a 429 is kept so that every instance of the bot honours it (Microsoft's Company
/// Communicator sample keeps the same marker in a table). The in-process store below serves one instance.
/// </summary>
public interface IThrottleMarkerStore
{
    Task<DateTimeOffset?> ReadPauseAsync(string tenantId, CancellationToken cancellationToken);

    Task WritePauseAsync(string tenantId, DateTimeOffset until, CancellationToken cancellationToken);
}

public sealed class InProcessThrottleMarkers : IThrottleMarkerStore
{
    private readonly Dictionary<string, DateTimeOffset> _pauses = [];

    public Task<DateTimeOffset?> ReadPauseAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_pauses)
        {
            return Task.FromResult<DateTimeOffset?>(_pauses.TryGetValue(tenantId, out var until) ? until : null);
        }
    }

    public Task WritePauseAsync(string tenantId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_pauses)
        {
            if (!_pauses.TryGetValue(tenantId, out var known) || known < until)
            {
                _pauses[tenantId] = until;
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The pauses of tenants that met a 429, read from the shared marker store at most once per
/// <see cref="CacheFor"/> per tenant, so a send does not cost a table request.
/// </summary>
public sealed class ThrottlePauses
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private readonly IThrottleMarkerStore _markers;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (DateTimeOffset? Until, DateTimeOffset ReadAt)> _cache = [];

    public ThrottlePauses(IThrottleMarkerStore markers, TimeProvider time)
    {
        _markers = markers;
        _time = time;
    }

    /// <summary>When the tenant may send again, if it is paused now.</summary>
    public async Task<DateTimeOffset?> PausedUntilAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_cache)
        {
            if (_cache.TryGetValue(tenantId, out var cached) && now - cached.ReadAt < CacheFor)
            {
                return cached.Until > now ? cached.Until : null;
            }
        }

        var until = await _markers.ReadPauseAsync(tenantId, cancellationToken).ConfigureAwait(false);
        lock (_cache)
        {
            _cache[tenantId] = (until, now);
        }

        return until > now ? until : null;
    }

    public async Task PauseAsync(string tenantId, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var until = _time.GetUtcNow() + retryAfter;
        lock (_cache)
        {
            _cache[tenantId] = (until, _time.GetUtcNow());
        }

        await _markers.WritePauseAsync(tenantId, until, cancellationToken).ConfigureAwait(false);
    }
}
