namespace MentorBot.Features.Meetings;

/// <summary>
/// Makes each event of one calendar read into what it really is before discovery sees it. Occurrence stubs are
/// resolved through their series master: from the same read when it comes in it (on any page: Graph promises no
/// order, so stubs wait until the read ends), else from <see cref="SeriesMasterCache"/>, else with one GET of the
/// master, so a series costs at most one request however many occurrences it has. An event reported <c>@removed</c>
/// that one of the pairs' meetings follows is read again first, because delta also reports events moved out of the
/// window as removed (microsoft-graph-docs issue 6599): only one that is really gone stays removed.
/// </summary>
internal sealed class SeriesResolution
{
    private readonly CalendarReader _reader;
    private readonly SeriesMasterCache _cache;
    private readonly string _mailbox;
    private readonly Func<string, bool> _follows;
    private readonly Dictionary<string, CalendarEvent> _mastersRead = new(StringComparer.Ordinal);
    private readonly List<CalendarEvent> _waiting = [];

    public SeriesResolution(CalendarReader reader, SeriesMasterCache cache, string mailbox, Func<string, bool> follows)
    {
        _reader = reader;
        _cache = cache;
        _mailbox = mailbox;
        _follows = follows;
    }

    /// <summary>Single events read with GET: series masters not in the read or the cache, and removals checked.</summary>
    public int EventsFetched { get; private set; }

    /// <summary>The events of a page that can be applied now; stubs whose master has not come yet wait for <see cref="EndOfReadAsync"/>.</summary>
    public async Task<IReadOnlyList<CalendarEvent>> PageAsync(IReadOnlyList<CalendarEvent> page, CancellationToken cancellationToken)
    {
        var ready = new List<CalendarEvent>();
        foreach (var calendarEvent in page)
        {
            if (calendarEvent.IsRemoved)
            {
                if (await CheckRemovedAsync(calendarEvent, cancellationToken).ConfigureAwait(false) is { } checkedEvent)
                {
                    Sort(checkedEvent, ready);
                }
            }
            else
            {
                Sort(calendarEvent, ready);
            }
        }

        return ready;
    }

    /// <summary>The stubs that waited, resolved (a series whose master no longer exists has no meetings).</summary>
    public async Task<IReadOnlyList<CalendarEvent>> EndOfReadAsync(CancellationToken cancellationToken)
    {
        var resolved = new List<CalendarEvent>();
        foreach (var series in _waiting.GroupBy(e => e.SeriesMasterId!, StringComparer.Ordinal).ToList())
        {
            if (await MasterAsync(series.Key, cancellationToken).ConfigureAwait(false) is { } master)
            {
                resolved.AddRange(series.Select(stub => stub.ResolvedThrough(master)));
            }
        }

        _waiting.Clear();
        return resolved;
    }

    private void Sort(CalendarEvent calendarEvent, List<CalendarEvent> ready)
    {
        switch (calendarEvent)
        {
            case { Kind: CalendarEventKind.SeriesMaster }:
                _mastersRead[calendarEvent.Id] = calendarEvent;
                _cache.Remember(_mailbox, calendarEvent);
                ready.Add(calendarEvent);
                break;
            case { Kind: CalendarEventKind.Occurrence, SeriesMasterId: { } masterId }:
                if (_mastersRead.TryGetValue(masterId, out var master))
                {
                    ready.Add(calendarEvent.ResolvedThrough(master));
                }
                else
                {
                    _waiting.Add(calendarEvent);
                }

                break;
            default:
                ready.Add(calendarEvent);
                break;
        }
    }

    /// <summary>The event as it is now, or the removal itself when it is gone or no meeting follows it.</summary>
    private async Task<CalendarEvent?> CheckRemovedAsync(CalendarEvent removed, CancellationToken cancellationToken)
    {
        if (!_follows(removed.Id))
        {
            return removed;
        }

        EventsFetched++;
        var current = await _reader.GetEventAsync(_mailbox, removed.Id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            _cache.Forget(_mailbox, removed.Id);
            return removed;
        }

        return current;
    }

    private async Task<CalendarEvent?> MasterAsync(string masterId, CancellationToken cancellationToken)
    {
        if (_mastersRead.TryGetValue(masterId, out var master) || (master = _cache.Find(_mailbox, masterId)) is not null)
        {
            return master;
        }

        EventsFetched++;
        master = await _reader.GetEventAsync(_mailbox, masterId, cancellationToken).ConfigureAwait(false);
        if (master is not null)
        {
            _mastersRead[masterId] = master;
            _cache.Remember(_mailbox, master);
        }

        return master;
    }
}
