using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MentorBot.Features.Meetings;

/// <summary>
/// When each mentor's calendar is read: every half hour, on slots shifted by a fixed per-mentor offset so that
/// mentors are not all read in the same minute. A slot is a job key, so however many chains or instances try to
/// schedule it, each slot runs once.
/// </summary>
internal static class ScanSchedule
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);

    /// <summary>The first slot of this mentor strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextSlot(string mentorId, DateTimeOffset now)
    {
        var phase = Phase(mentorId);
        var sinceFirst = now.UtcTicks - phase;
        var next = ((sinceFirst / Interval.Ticks) + 1) * Interval.Ticks + phase;
        return new DateTimeOffset(next, TimeSpan.Zero);
    }

    public static string SlotKey(DateTimeOffset slot) =>
        "slot/" + slot.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);

    /// <summary>A whole number of minutes within the interval, the same for a mentor on every instance.</summary>
    internal static long Phase(string mentorId)
    {
        ArgumentNullException.ThrowIfNull(mentorId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(mentorId.ToUpperInvariant()));
        var minutes = BinaryPrimitives.ReadUInt32BigEndian(hash) % (uint)Interval.TotalMinutes;
        return minutes * TimeSpan.TicksPerMinute;
    }
}
