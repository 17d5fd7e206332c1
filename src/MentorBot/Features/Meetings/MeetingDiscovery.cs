using Azure;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Meetings;

/// <summary>
/// Applies what one scan of a mentor's calendar reads to the meetings of all their pairs: records new meetings,
/// follows moves and cancellations, and hands each meeting to check-ins. Idempotent: a page read twice (a retried
/// scan, an event on two pages) changes nothing the second time. One instance per scan.
/// </summary>
internal sealed class MeetingDiscovery
{
    private readonly MeetingStore _store;
    private readonly JobStore _jobs;
    private readonly IReadOnlyList<(Pair Pair, MentorshipProgram Program)> _pairs;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, Dictionary<string, (Meeting Meeting, ETag ETag)>> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public MeetingDiscovery(MeetingStore store, JobStore jobs, IReadOnlyList<(Pair Pair, MentorshipProgram Program)> pairs, DateTimeOffset now)
    {
        _store = store;
        _jobs = jobs;
        _pairs = pairs;
        _now = now;
    }

    public int Events { get; private set; }
    public int Found { get; private set; }
    public int Changed { get; private set; }
    public int Cancelled { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var (pair, _) in _pairs)
        {
            var rows = await _store.LoadAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false);
            _known[pair.PairId] = rows.ToDictionary(r => r.Meeting.MeetingKey, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// True when a counted meeting that may still be cancelled follows this event (as its own event or its series
    /// master): a removal of it is worth checking with Graph before the meeting is called cancelled.
    /// </summary>
    public bool Follows(string eventId) =>
        _known.Values.SelectMany(k => k.Values).Any(e => e.Meeting.Counts && MeetingTimeRules.MayBeCancelled(e.Meeting, _now)
            && (e.Meeting.EventId == eventId || e.Meeting.SeriesMasterId == eventId));

    /// <summary>A full sync starts: what it does not see again no longer exists in its window.</summary>
    public void BeginFullSync() => _seen.Clear();

    public async Task ApplyAsync(IReadOnlyList<CalendarEvent> events, CancellationToken cancellationToken)
    {
        foreach (var calendarEvent in events)
        {
            Events++;
            if (calendarEvent.Kind == CalendarEventKind.SeriesMaster || (calendarEvent.IsRemoved && IsSeriesMaster(calendarEvent.Id)))
            {
                await FollowSeriesAsync(calendarEvent, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var key = MeetingKeys.ForEvent(calendarEvent.Id);
            if (!calendarEvent.IsRemoved)
            {
                _seen.Add(key);
            }

            var meetingOf = PairMeetingRules.PairsMeetingIn(calendarEvent, _pairs.Select(p => p.Pair));
            foreach (var (pair, program) in _pairs)
            {
                var known = _known[pair.PairId];
                if (meetingOf.Contains(pair))
                {
                    await RecordAsync(pair, program, key, calendarEvent, cancellationToken).ConfigureAwait(false);
                }
                else if (known.TryGetValue(key, out var existing) && existing.Meeting.Counts)
                {
                    // Removed, cancelled, or no longer with the mentee.
                    await CancelAsync(existing.Meeting, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// A series master changed or was deleted: the occurrences already recorded follow it, as Graph need not send them
    /// again. One the series no longer makes a meeting of the pair (deleted, cancelled, declined by the mentor, the
    /// mentee no longer invited) is cancelled. Not the reverse: a cancelled occurrence may have been deleted on its own,
    /// so only its own next sighting brings it back.
    /// </summary>
    private async Task FollowSeriesAsync(CalendarEvent master, CancellationToken cancellationToken)
    {
        foreach (var (pair, _) in _pairs)
        {
            var occurrences = _known[pair.PairId].Values.Select(e => e.Meeting)
                .Where(m => m.Counts && string.Equals(m.SeriesMasterId, master.Id, StringComparison.Ordinal))
                .ToList();
            foreach (var meeting in occurrences)
            {
                var stillMeets = !master.IsRemoved
                    && PairMeetingRules.PairsMeetingIn(new CalendarEvent { Id = meeting.EventId!, Start = meeting.Start, End = meeting.End }.ResolvedThrough(master), [pair]).Count > 0;
                if (!stillMeets)
                {
                    await CancelAsync(meeting, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private bool IsSeriesMaster(string eventId) =>
        _known.Values.SelectMany(k => k.Values).Any(e => string.Equals(e.Meeting.SeriesMasterId, eventId, StringComparison.Ordinal));

    /// <summary>After a full sync of <paramref name="window"/>: a calendar meeting in it that was not seen was deleted meanwhile.</summary>
    public async Task ReconcileAsync(ScanWindow window, CancellationToken cancellationToken)
    {
        foreach (var (pair, _) in _pairs)
        {
            var gone = _known[pair.PairId].Values
                .Select(e => e.Meeting)
                .Where(m => m.Counts && m.Source == MeetingSource.Calendar && window.Contains(m.Start) && !_seen.Contains(m.MeetingKey))
                .ToList();
            foreach (var meeting in gone)
            {
                await CancelAsync(meeting, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RecordAsync(Pair pair, MentorshipProgram program, string key, CalendarEvent calendarEvent, CancellationToken cancellationToken)
    {
        var start = MeetingKeys.WholeSeconds(calendarEvent.Start!.Value);
        var end = MeetingKeys.WholeSeconds(calendarEvent.End!.Value);
        // Only a plain occurrence follows its series; an exception has properties of its own.
        var seriesMasterId = calendarEvent.Kind == CalendarEventKind.Occurrence ? calendarEvent.SeriesMasterId : null;
        var saved = await WriteAsync(pair.TenantId, pair.PairId, key, current =>
        {
            if (current is null)
            {
                var fresh = new Meeting
                {
                    TenantId = pair.TenantId,
                    ProgramId = pair.ProgramId,
                    PairId = pair.PairId,
                    MeetingKey = key,
                    Start = start,
                    End = end,
                    IsOnline = calendarEvent.IsOnline,
                    EventId = calendarEvent.Id,
                    ICalUId = calendarEvent.ICalUId,
                    SeriesMasterId = seriesMasterId,
                    DiscoveredAt = _now,
                    UpdatedAt = _now,
                };
                return fresh with { DuplicateOf = SameMeetingAs(pair.PairId, fresh)?.MeetingKey };
            }

            if (current.DuplicateOf is not null)
            {
                // The meeting is followed through the event it was first found as.
                return null;
            }

            var updated = current with { Start = start, End = end, Status = MeetingStatus.Scheduled, IsOnline = calendarEvent.IsOnline, ICalUId = calendarEvent.ICalUId,
                SeriesMasterId = seriesMasterId };
            return updated == current ? null : updated with { UpdatedAt = _now };
        }, cancellationToken).ConfigureAwait(false);

        if (saved.Added)
        {
            Found++;
        }
        else if (saved.Written)
        {
            Changed++;
        }

        // Scheduled on every sighting, not only on a change: after a crash between the write and this line, the delta
        // position was not stored, so the event comes again and its job is scheduled then. A job scheduled before is left as it is.
        if (saved.Meeting is { Counts: true } meeting && MeetingTimeRules.CheckInDueAt(meeting, program.Settings.CheckInDelayMinutes, _now) is { } due)
        {
            await _jobs.ScheduleAsync(MeetingJobs.CheckIn(meeting, due), cancellationToken).ConfigureAwait(false);
        }

        if (saved.Meeting is { Counts: true } upcoming && CheckIns.PreMeetingNoteJob.For(upcoming, _now) is { } note)
        {
            await _jobs.ScheduleAsync(note, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CancelAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        if (!MeetingTimeRules.MayBeCancelled(meeting, _now))
        {
            return;
        }

        var saved = await WriteAsync(meeting.TenantId, meeting.PairId, meeting.MeetingKey, current =>
            current is { Counts: true } && MeetingTimeRules.MayBeCancelled(current, _now)
                ? current with { Status = MeetingStatus.Cancelled, UpdatedAt = _now }
                : null, cancellationToken).ConfigureAwait(false);
        if (saved.Written)
        {
            Cancelled++;
        }
    }

    /// <summary>
    /// The meeting this new one already is: the same occurrence under another event id (same iCalUId and start),
    /// or a meeting a party logged by hand with "check in" before the calendar scan saw it.
    /// </summary>
    private Meeting? SameMeetingAs(string pairId, Meeting fresh) =>
        _known[pairId].Values.Select(e => e.Meeting).FirstOrDefault(m => m.Counts && m.MeetingKey != fresh.MeetingKey
            && (m.Source == MeetingSource.Manual
                ? MeetingTimeRules.IsSameMeeting(fresh, m.End)
                : fresh.ICalUId is not null && m.ICalUId == fresh.ICalUId && m.Start == fresh.Start));

    /// <summary>
    /// Writes the change <paramref name="change"/> makes to the stored row (null: no change), with its ETag; when
    /// another writer was first, reads the row again and applies the change to what is there now.
    /// </summary>
    private async Task<(Meeting? Meeting, bool Written, bool Added)> WriteAsync(string tenantId, string pairId, string key, Func<Meeting?, Meeting?> change,
        CancellationToken cancellationToken)
    {
        var known = _known[pairId];
        (Meeting Meeting, ETag ETag)? current = known.TryGetValue(key, out var entry) ? entry : null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var desired = change(current?.Meeting);
            if (desired is null)
            {
                return (current?.Meeting, false, false);
            }

            var etag = current is { } row
                ? await _store.TryUpdateAsync(desired, row.ETag, cancellationToken).ConfigureAwait(false)
                : await _store.TryAddAsync(desired, cancellationToken).ConfigureAwait(false);
            if (etag is { } written)
            {
                known[key] = (desired, written);
                return (desired, true, current is null);
            }

            current = await _store.GetEntryAsync(tenantId, pairId, key, cancellationToken).ConfigureAwait(false);
            if (current is { } fresh)
            {
                known[key] = fresh;
            }
        }

        throw new ConcurrentUpdateException($"The meeting {key} of pair {pairId} kept changing while the calendar was read.");
    }
}
