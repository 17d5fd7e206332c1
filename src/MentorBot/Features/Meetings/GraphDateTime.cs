using System.Globalization;

namespace MentorBot.Features.Meetings;

/// <summary>
/// Graph gives an event's start and end as a local date-time string plus a time zone name
/// (<c>{"dateTime":"2027-01-04T15:00:00.0000000","timeZone":"UTC"}</c>). We ask for UTC, but read any zone Graph names.
/// </summary>
internal static class GraphDateTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm",
    ];

    private static readonly HashSet<string> UtcNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "UTC", "Etc/UTC", "Etc/GMT", "GMT", "Z", "Coordinated Universal Time", "tzone://Microsoft/Utc",
    };

    /// <summary>The instant, or null when the value or the zone cannot be read.</summary>
    public static DateTimeOffset? ToUtc(string? dateTime, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(dateTime))
        {
            return null;
        }

        var text = dateTime.Trim();
        if (HasOffset(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset.ToUniversalTime() : null;
        }

        if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var zoneName = timeZone?.Trim();
        if (string.IsNullOrEmpty(zoneName) || UtcNames.Contains(zoneName))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
        {
            return null;
        }

        // A local time that does not exist (skipped by a DST change) is read as if the clock had not moved yet.
        var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(-1)) : zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }

    private static bool HasOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }

        var timeStart = text.IndexOf('T', StringComparison.Ordinal);
        return timeStart > 0 && text.IndexOfAny(['+', '-'], timeStart) > 0;
    }
}
