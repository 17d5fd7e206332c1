namespace MentorBot.Protocol.Connector;

/// <summary>One limit of a sliding window: at most <see cref="Count"/> calls in any span of <see cref="Window"/>.</summary>
public readonly record struct WindowLimit(int Count, TimeSpan Window);

/// <summary>
/// The times of the calls made for one key (a tenant or a conversation), so that any window, not just aligned
/// seconds, is counted; Teams measures its limits that way (protocol.md C, "Per bot, per thread limits").
/// Not thread-safe: <see cref="ConnectorPacer"/> holds its lock around it.
/// </summary>
public sealed class SlidingWindowLog
{
    private readonly List<(DateTimeOffset At, SendLane Lane)> _calls = [];
    private TimeSpan _longest;

    public SlidingWindowLog(IReadOnlyList<WindowLimit> limits)
    {
        Limits = limits;
        _longest = limits.Max(limit => limit.Window);
    }

    public IReadOnlyList<WindowLimit> Limits { get; private set; }

    /// <summary>Counts the calls already recorded against new limits (a tenant's share when instances come or go).</summary>
    public void Limit(IReadOnlyList<WindowLimit> limits)
    {
        Limits = limits;
        _longest = limits.Max(limit => limit.Window);
    }

    public bool IsEmpty => _calls.Count == 0;

    /// <summary>How long until one more call fits in every window; zero when it fits now.</summary>
    public TimeSpan WaitBeforeNext(DateTimeOffset now)
    {
        Forget(now);
        var wait = TimeSpan.Zero;
        foreach (var limit in Limits)
        {
            var first = FirstInside(now - limit.Window);
            var inside = _calls.Count - first;
            if (inside >= limit.Count)
            {
                // The call that must leave the window before one more fits.
                var leaving = _calls[first + inside - limit.Count].At + limit.Window - now;
                wait = leaving > wait ? leaving : wait;
            }
        }

        return wait;
    }

    /// <summary>Calls of <paramref name="lane"/> in the last <paramref name="window"/>.</summary>
    public int CountInside(DateTimeOffset now, TimeSpan window, SendLane lane)
    {
        var count = 0;
        for (var i = FirstInside(now - window); i < _calls.Count; i++)
        {
            count += _calls[i].Lane == lane ? 1 : 0;
        }

        return count;
    }

    public void Record(DateTimeOffset now, SendLane lane) => _calls.Add((now, lane));

    private void Forget(DateTimeOffset now)
    {
        var stale = FirstInside(now - _longest);
        if (stale > 0)
        {
            _calls.RemoveRange(0, stale);
        }
    }

    /// <summary>Index of the first call later than <paramref name="start"/> (calls are recorded in time order).</summary>
    private int FirstInside(DateTimeOffset start)
    {
        int low = 0, high = _calls.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_calls[middle].At <= start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
