namespace MentorBot.Protocol.Connector;

/// <summary>One limit of a sliding window: at most <see cref="Count"/> calls in any span of <see cref="Window"/>.</summary>
public readonly record struct WindowLimit(int Count, TimeSpan Window);

/// <summary>
/// The times of the calls made for one key (a tenant or a conversation), so that any window, not just aligned
/// seconds, is counted; Teams measures its limits that way (protocol.md C, "Per bot, per thread limits").
/// Teams counts a call when it arrives, some time between its start and its answer, so a call on its way
/// (<see cref="Start"/>) counts in every window until it is answered, and from then on at the time of its answer
/// (<see cref="Landed"/>): calls slowed on the way and calls that go fast cannot meet in one second at Teams.
/// Not thread-safe: <see cref="ConnectorPacer"/> holds its lock around it.
/// </summary>
public sealed class SlidingWindowLog
{
    /// <summary>How long to look again when only calls still on their way fill a window.</summary>
    public static readonly TimeSpan WhileOnTheirWay = TimeSpan.FromMilliseconds(20);

    private readonly List<(DateTimeOffset At, SendLane Lane)> _calls = [];
    private readonly Dictionary<long, SendLane> _onTheirWay = [];
    private long _lastStarted;
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

    /// <summary>How long until one more call fits in every window; zero when it fits now.</summary>
    public TimeSpan WaitBeforeNext(DateTimeOffset now)
    {
        Forget(now);
        var wait = TimeSpan.Zero;
        foreach (var limit in Limits)
        {
            var first = FirstInside(now - limit.Window);
            var answered = _calls.Count - first;
            // Answered calls that must leave the window before one more fits; calls on their way stay in it.
            var mustLeave = answered + _onTheirWay.Count - limit.Count + 1;
            if (mustLeave <= 0)
            {
                continue;
            }

            var leaving = mustLeave <= answered ? _calls[first + mustLeave - 1].At + limit.Window - now : WhileOnTheirWay;
            wait = leaving > wait ? leaving : wait;
        }

        return wait;
    }

    /// <summary>Calls of <paramref name="lane"/> in the last <paramref name="window"/>, those on their way included.</summary>
    public int CountInside(DateTimeOffset now, TimeSpan window, SendLane lane)
    {
        var count = _onTheirWay.Values.Count(l => l == lane);
        for (var i = FirstInside(now - window); i < _calls.Count; i++)
        {
            count += _calls[i].Lane == lane ? 1 : 0;
        }

        return count;
    }

    /// <summary>A call made at <paramref name="now"/> whose arrival does not matter later (counted at its start).</summary>
    public void Record(DateTimeOffset now, SendLane lane) => Insert(now, lane);

    /// <summary>A call leaves now; it counts as on its way until <see cref="Landed"/>.</summary>
    public long Start(SendLane lane)
    {
        var call = ++_lastStarted;
        _onTheirWay[call] = lane;
        return call;
    }

    /// <summary>The call was answered (or failed) at <paramref name="now"/>: it had arrived by then, if at all.</summary>
    public void Landed(long call, DateTimeOffset now)
    {
        if (_onTheirWay.Remove(call, out var lane))
        {
            Insert(now, lane);
        }
    }

    private void Insert(DateTimeOffset at, SendLane lane) => _calls.Insert(FirstInside(at), (at, lane));

    private void Forget(DateTimeOffset now)
    {
        var stale = FirstInside(now - _longest);
        if (stale > 0)
        {
            _calls.RemoveRange(0, stale);
        }
    }

    /// <summary>Index of the first call later than <paramref name="start"/> (calls are kept in time order).</summary>
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
