using MentorBot.Features.Programs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// When a person's note before a meeting goes out: the morning of the meeting's day in their own time zone (the end of
/// the program's quiet hours), or <see cref="PreMeetingNoteOptions.LeadHours"/> before the meeting when set. Never in
/// quiet hours: when that moment is quiet or not before the meeting (a meeting at 7:30 with quiet hours until 8), the
/// note goes the evening before, in the last hour before quiet hours begin.
/// </summary>
public static class PreMeetingNoteTime
{
    public static DateTimeOffset For(DateTimeOffset meetingStart, string? timeZone, ProgramSettings settings, PreMeetingNoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var zone = ZoneOf(timeZone, settings);
        var local = TimeZoneInfo.ConvertTime(meetingStart, zone);
        var wanted = options.LeadHours is > 0 and var hours
            ? meetingStart.AddHours(-hours)
            : At(local.Date, settings.QuietHoursEnd, zone);
        if (wanted < meetingStart && settings.OutsideQuietHours(wanted, [zone.Id]) == wanted)
        {
            return wanted;
        }

        // The evening before the meeting's local day, an hour before quiet hours begin.
        return At(local.Date.AddDays(-1), Math.Max(settings.QuietHoursStart - 1, 0), zone);
    }

    private static TimeZoneInfo ZoneOf(string? id, ProgramSettings settings) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var program) ? program : TimeZoneInfo.Utc;

    private static DateTimeOffset At(DateTime day, int hour, TimeZoneInfo zone)
    {
        var local = new DateTime(day.Year, day.Month, day.Day, hour, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

/// <summary>Configuration section <c>CheckIns:PreMeetingNote</c>.</summary>
public sealed record PreMeetingNoteOptions
{
    public const string Section = "CheckIns:PreMeetingNote";

    /// <summary>Off: no note before meetings.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Hours before the meeting; 0 (the default) means the morning of the meeting's day.</summary>
    public int LeadHours { get; init; }
}
