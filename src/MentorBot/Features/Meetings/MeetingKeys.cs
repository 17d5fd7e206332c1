using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MentorBot.Features.Meetings;

/// <summary>
/// Short, stable meeting keys (they end up in job keys and card data): a hash of the Graph event id, which stays
/// the same when the meeting moves; or the minute a meeting logged by hand ended.
/// </summary>
internal static class MeetingKeys
{
    public static string ForEvent(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return "cal-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..24];
    }

    /// <summary>"check in" twice in the same minute is one meeting.</summary>
    public static string ForManual(DateTimeOffset endedAt) =>
        "manual-" + endedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);

    /// <summary>Times are kept to the second, so a time read back from a table or a job compares equal.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
