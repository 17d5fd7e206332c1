namespace MentorBot.Features.Meetings;

/// <summary>The rules about a meeting's times: when its check-in is due, when it can still be cancelled, and what "the same meeting" means.</summary>
internal static class MeetingTimeRules
{
    /// <summary>
    /// A meeting found more than this after it ended (a pair's history read at its first scan, a scan after an
    /// outage) still counts for cadence, but asking "how was it?" now would feel odd: it gets no check-in.
    /// </summary>
    public static readonly TimeSpan CheckInLookback = TimeSpan.FromDays(1);

    /// <summary>
    /// A meeting removed from the calendar more than this after it ended took place: people tidy calendars and end
    /// series. It stays as it was.
    /// </summary>
    public static readonly TimeSpan HistoryKeptAfter = TimeSpan.FromDays(1);

    /// <summary>"check in" up to this long after a meeting ended is about that meeting, not a new one.</summary>
    public static readonly TimeSpan SameMeetingAfter = TimeSpan.FromHours(2);

    /// <summary>When the check-in is due, or null when the meeting ended too long ago for one.</summary>
    public static DateTimeOffset? CheckInDueAt(Meeting meeting, int delayMinutes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.End < now - CheckInLookback ? null : meeting.End.AddMinutes(delayMinutes);
    }

    /// <summary>True while a removal or cancellation still means the meeting did not take place.</summary>
    public static bool MayBeCancelled(Meeting meeting, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.End + HistoryKeptAfter >= now;
    }

    /// <summary>A meeting ending at <paramref name="endedAt"/> is this one (in progress, or ended a little before).</summary>
    public static bool IsSameMeeting(Meeting meeting, DateTimeOffset endedAt)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.Counts && meeting.Start <= endedAt && endedAt <= meeting.End + SameMeetingAfter;
    }
}
