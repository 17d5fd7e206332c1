using MentorBot.Features.Meetings;

namespace MentorBot.Features.Cadence;

/// <summary>How far a pair is from its agreed rhythm of meetings, from the meetings found so far.</summary>
public sealed record CadenceStatus(TimeSpan Interval, TimeSpan SinceLastMeeting, string EpisodeKey, bool HasUpcomingMeeting)
{
    /// <summary>A gentle nudge is due once the gap is half an interval longer than agreed.</summary>
    public bool IsDrifting => !HasUpcomingMeeting && SinceLastMeeting > Interval * 1.5;

    /// <summary>The coordinators are told once the gap reaches <paramref name="intervals"/> agreed intervals.</summary>
    public bool NeedsCoordinator(int intervals) => !HasUpcomingMeeting && SinceLastMeeting >= Interval * intervals;

    /// <summary>
    /// The gap since the last meeting that took place (or since the agreement, before the first one). The episode
    /// key names that last meeting, so each drift is nudged and escalated once, and a new meeting starts afresh.
    /// </summary>
    public static CadenceStatus Of(TimeSpan interval, IEnumerable<Meeting> meetings, DateTimeOffset agreedAt, DateTimeOffset now)
    {
        var counting = meetings.Where(m => m.Counts).ToList();
        var last = counting.Where(m => m.End <= now).MaxBy(m => m.End);
        var since = now - (last is null ? agreedAt : (last.End > agreedAt ? last.End : agreedAt));
        return new CadenceStatus(interval, since, last?.MeetingKey ?? "agreement", counting.Any(m => m.Start > now));
    }
}
