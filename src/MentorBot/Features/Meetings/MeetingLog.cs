using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Meetings;

/// <summary>Meetings a party reports with "check in": a call or a coffee that was never on a calendar.</summary>
public sealed class MeetingLog
{
    private readonly MeetingStore _store;
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public MeetingLog(MeetingStore store, JobStore jobs, TimeProvider time)
    {
        _store = store;
        _jobs = jobs;
        _time = time;
    }

    /// <summary>
    /// Records that the pair met, ending at <paramref name="endedAt"/>, and schedules its check-in now. When the pair
    /// already has a meeting then (on the calendar, in progress or just ended, or logged a moment ago), that meeting
    /// is returned instead of a new one, so the check-in sender's per-meeting ledger sends one card.
    /// </summary>
    public async Task<Meeting> LogManualMeetingAsync(Pair pair, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var now = _time.GetUtcNow();
        var ended = MeetingKeys.WholeSeconds(endedAt > now ? now : endedAt);
        var meetings = await _store.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false);
        var known = meetings.Where(m => MeetingTimeRules.IsSameMeeting(m, ended)).MaxBy(m => m.End);
        if (known is not null)
        {
            // A calendar meeting's own job is due later (end + delay); this one makes the card come now.
            var suffix = known.Source == MeetingSource.Calendar ? "/asked" : null;
            await _jobs.ScheduleAsync(MeetingJobs.CheckIn(known, now, suffix), cancellationToken).ConfigureAwait(false);
            return known;
        }

        var meeting = new Meeting
        {
            TenantId = pair.TenantId,
            ProgramId = pair.ProgramId,
            PairId = pair.PairId,
            MeetingKey = MeetingKeys.ForManual(ended),
            // How long they met is not asked: the meeting is recorded at the moment it ended.
            Start = ended,
            End = ended,
            Source = MeetingSource.Manual,
            DiscoveredAt = now,
            UpdatedAt = now,
        };
        if (await _store.TryAddAsync(meeting, cancellationToken).ConfigureAwait(false) is null)
        {
            meeting = await _store.GetAsync(pair.TenantId, pair.PairId, meeting.MeetingKey, cancellationToken).ConfigureAwait(false) ?? meeting;
        }

        await _jobs.ScheduleAsync(MeetingJobs.CheckIn(meeting, now), cancellationToken).ConfigureAwait(false);
        return meeting;
    }
}
