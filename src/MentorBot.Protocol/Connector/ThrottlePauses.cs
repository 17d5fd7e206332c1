using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentorBot.Protocol.Connector;

/// <summary>
/// The pauses after 429s, of tenants and of single conversations (<see cref="PauseReachRule"/> says which), shared
/// with the other instances through an <see cref="IThrottleMarkerStore"/>. A tenant's pauses are read from the store
/// at most once per <see cref="CacheFor"/> (one read however many calls wait), so a send does not cost a table
/// request; a pause is written only when it lengthens what is known. A store that fails or is slow does not stop
/// sending: the failure is logged and this instance goes on with the pauses it knows, its own included.
/// </summary>
public sealed partial class ThrottlePauses
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    /// <summary>Longest a read or write of the store may hold a send up.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(2);

    /// <summary>After a failed read, how long the store is left alone before it is asked again.</summary>
    public static readonly TimeSpan AfterFailedRead = TimeSpan.FromSeconds(5);

    private readonly IThrottleMarkerStore _markers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly PauseReachRule _rule = new();
    private readonly Dictionary<string, TenantPauses> _own = [];
    private readonly Dictionary<string, TenantPauses> _known = [];
    private readonly Dictionary<string, DateTimeOffset> _nextRead = [];
    private readonly Dictionary<string, Task> _reading = [];

    public ThrottlePauses(IThrottleMarkerStore markers, TimeProvider time, ILogger<ThrottlePauses>? logger = null)
    {
        _markers = markers;
        _time = time;
        _logger = logger ?? NullLogger<ThrottlePauses>.Instance;
    }

    /// <summary>The tenant's pauses as known now (they may have ended: compare with the clock).</summary>
    public async Task<TenantPauses> OfTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        Task? reading;
        TaskCompletionSource? mine = null;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_nextRead.TryGetValue(tenantId, out var next) && now < next)
            {
                return _known.GetValueOrDefault(tenantId, TenantPauses.None);
            }

            if (!_reading.TryGetValue(tenantId, out reading))
            {
                mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                reading = mine.Task;
                _reading[tenantId] = reading;
            }
        }

        if (mine is not null)
        {
            await ReadAsync(tenantId, mine).ConfigureAwait(false);
        }

        await reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return _known.GetValueOrDefault(tenantId, TenantPauses.None);
        }
    }

    /// <summary>As below, with the tenant's calls of the last second unknown (the 429s alone decide).</summary>
    public Task<PauseReach> PauseAsync(string tenantId, string? conversationId, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        PauseAsync(tenantId, conversationId, retryAfter, 0, cancellationToken);

    /// <summary>
    /// Pauses what a 429 of <paramref name="tenantId"/> on <paramref name="conversationId"/> (none: a call without one)
    /// reaches, for <paramref name="retryAfter"/>, and says how far that is. <paramref name="tenantCallsInLastSecond"/>:
    /// this instance's calls to the tenant in the second before (<see cref="PauseReachRule"/>; 0 when unknown).
    /// </summary>
    public async Task<PauseReach> PauseAsync(
        string tenantId, string? conversationId, TimeSpan retryAfter, int tenantCallsInLastSecond, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var until = now + retryAfter;
        PauseReach reach;
        string? key;
        lock (_gate)
        {
            reach = _rule.ReachOf(tenantId, conversationId, now, tenantCallsInLastSecond);
            if (reach == PauseReach.Conversation && conversationId is null)
            {
                // A create's own thread has no id yet: only the call itself waits (its caller comes back after Retry-After).
                return reach;
            }

            key = reach == PauseReach.Tenant ? null : TenantPauses.KeyOf(conversationId!);
            var known = _known.GetValueOrDefault(tenantId, TenantPauses.None);
            if (known.Of(key) is { } end && end >= until)
            {
                return reach;
            }

            _own[tenantId] = _own.GetValueOrDefault(tenantId, TenantPauses.None).With(key, until);
            _known[tenantId] = known.With(key, until);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StoreTimeout);
            await _markers.WritePauseAsync(tenantId, key, until, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The other instances learn of it from their own 429s; this one keeps the pause it knows.
            LogWriteFailed(ex, tenantId, until);
        }

        return reach;
    }

    private async Task ReadAsync(string tenantId, TaskCompletionSource done)
    {
        var now = _time.GetUtcNow();
        TenantPauses? read = null;
        try
        {
            using var timeout = new CancellationTokenSource(StoreTimeout);
            read = await _markers.ReadPausesAsync(tenantId, now, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogReadFailed(ex, tenantId);
        }

        lock (_gate)
        {
            var own = _own.GetValueOrDefault(tenantId, TenantPauses.None).RunningAt(now);
            _own[tenantId] = own;
            // A failed read keeps what was known; either way this instance's own pauses hold.
            _known[tenantId] = read is null ? _known.GetValueOrDefault(tenantId, TenantPauses.None).RunningAt(now).Merge(own) : read.Merge(own);
            _nextRead[tenantId] = now + (read is null ? AfterFailedRead : CacheFor);
            _reading.Remove(tenantId);
        }

        done.SetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the 429 pauses of tenant {TenantId} from the marker store; going on with those this instance knows")]
    private partial void LogReadFailed(Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the 429 pause of tenant {TenantId} until {Until}; only this instance holds back")]
    private partial void LogWriteFailed(Exception exception, string tenantId, DateTimeOffset until);
}
