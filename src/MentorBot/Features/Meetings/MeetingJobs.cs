using System.Globalization;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Meetings;

/// <summary>
/// The jobs meeting discovery creates: calendar scans, and the hand-off to check-ins. A check-in job's key names
/// the meeting's end, so a moved meeting gets a new job; the old one is recognised with <see cref="IsCurrent"/>.
/// </summary>
public static class MeetingJobs
{
    /// <summary>A meeting of a pair has ended (plus the program's delay): time for its check-in.</summary>
    public const string CheckInDueKind = "checkin.due";

    /// <summary>Reads one mentor's calendar for the meetings of all their pairs, then schedules the next scan.</summary>
    public const string ScanKind = "meetings.scan";

    public const string TenantData = "tenant";
    public const string ProgramData = "program";
    public const string PairData = "pair";
    public const string MeetingData = "meeting";
    public const string StartData = "start";
    public const string EndData = "end";
    public const string MentorData = "mentor";

    /// <summary>"{pairId}/{meetingKey}/{end}": one job per meeting and end time.</summary>
    public static string CheckInKey(string pairId, string meetingKey, DateTimeOffset end) =>
        $"{pairId}/{meetingKey}/{end.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";

    public static Job CheckIn(Meeting meeting, DateTimeOffset dueAt, string? keySuffix = null) =>
        new(CheckInDueKind, CheckInKey(meeting.PairId, meeting.MeetingKey, meeting.End) + keySuffix, dueAt)
        {
            Data = new Dictionary<string, string>
            {
                [TenantData] = meeting.TenantId,
                [ProgramData] = meeting.ProgramId,
                [PairData] = meeting.PairId,
                [MeetingData] = meeting.MeetingKey,
                [StartData] = meeting.Start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                [EndData] = meeting.End.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            },
        };

    /// <summary>
    /// For the check-in handler: true when the meeting (from <c>MeetingStore.GetAsync</c>) still takes place and still
    /// ends when the job says. False for a cancelled meeting, a duplicate, or a job left behind when the meeting moved.
    /// </summary>
    public static bool IsCurrent(Job job, Meeting? meeting)
    {
        ArgumentNullException.ThrowIfNull(job);
        return meeting is { Counts: true }
            && DateTimeOffset.TryParse(job.Get(EndData), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end)
            && end == meeting.End;
    }

    internal static Job Scan(string tenantId, string mentorId, string keySuffix, DateTimeOffset dueAt) =>
        new(ScanKind, $"{tenantId}/{mentorId.ToLowerInvariant()}/{keySuffix}", dueAt)
        {
            Data = new Dictionary<string, string> { [TenantData] = tenantId, [MentorData] = mentorId },
        };
}
