using System.Diagnostics;

namespace MentorBot.Testing;

/// <summary>
/// Opt-in send limits for the stand-in channel, as Teams sets them for a bot (protocol.md C, "Throttling and error
/// codes"; https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit): sliding windows per thread and
/// per tenant, and optionally every Nth call that is within the limits answered 429 as well, as a busy service does.
/// A refused call is answered 429 <c>Throttled</c> with <c>Retry-After</c> and is not counted in any window.
/// </summary>
public sealed class TeamsRateLimits
{
    // Per bot per thread, "Send to conversation" and "Create conversation": 7 / 1 s, 8 / 2 s, 60 / 30 s, 1,800 / 3,600 s
    // (msteams-docs bots/how-to/rate-limit.md, table "Per bot per thread limit"; protocol.md C).
    private static readonly (TimeSpan Window, int Limit)[] PerThread =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
        (TimeSpan.FromHours(1), 1800),
    ];

    private readonly Lock _gate = new();
    private readonly Queue<long> _tenant = new();
    private readonly Dictionary<string, Queue<long>> _threads = new(StringComparer.Ordinal);
    private long _withinLimits;
    private int _refusedByWindow;
    private int _refusedAsEveryNth;
    private long _peakPerSecond;

    /// <summary>
    /// Calls per tenant in any sliding second: 50 ("Global limit per app per tenant", rate-limit.md; protocol.md C).
    /// </summary>
    public int TenantPerSecond { get; init; } = 50;

    /// <summary>When above 0, every Nth call within the limits is answered 429 too (the benchmark of #17 uses 20).</summary>
    public int ThrottleEveryNth { get; init; }

    /// <summary>The Retry-After the stand-in gives; Teams names a delay in seconds (protocol.md C, "429 and Retry-After").</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    public int RefusedByWindow => Volatile.Read(ref _refusedByWindow);

    public int RefusedAsEveryNth => Volatile.Read(ref _refusedAsEveryNth);

    /// <summary>The most calls admitted in any sliding second so far.</summary>
    public long PeakPerSecond => Interlocked.Read(ref _peakPerSecond);

    /// <summary>
    /// Whether a call may go through now; if so it is counted in the windows. <paramref name="thread"/> is null for
    /// calls that count only towards the tenant (member lookups have their own, higher thread limits).
    /// </summary>
    internal bool TryAdmit(string? thread)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            Trim(_tenant, now, TimeSpan.FromSeconds(1));
            var window = new Queue<long>();
            if (thread is not null && !_threads.TryGetValue(thread, out window))
            {
                window = new Queue<long>();
                _threads[thread] = window;
            }

            Trim(window, now, TimeSpan.FromHours(1));
            var full = _tenant.Count >= TenantPerSecond;
            foreach (var (span, limit) in PerThread)
            {
                var since = now - (long)(span.TotalSeconds * Stopwatch.Frequency);
                full |= CountSince(window, since) >= limit;
            }

            if (full)
            {
                _refusedByWindow++;
                return false;
            }

            if (ThrottleEveryNth > 0 && ++_withinLimits % ThrottleEveryNth == 0)
            {
                _refusedAsEveryNth++;
                return false;
            }

            window.Enqueue(now);
            _tenant.Enqueue(now);
            _peakPerSecond = Math.Max(_peakPerSecond, _tenant.Count);
            return true;
        }
    }

    private static int CountSince(Queue<long> window, long since)
    {
        var n = 0;
        foreach (var t in window)
        {
            n += t > since ? 1 : 0;
        }

        return n;
    }

    private static void Trim(Queue<long> window, long now, TimeSpan span)
    {
        var since = now - (long)(span.TotalSeconds * Stopwatch.Frequency);
        while (window.Count > 0 && window.Peek() <= since)
        {
            window.Dequeue();
        }
    }
}
