using System.Globalization;

namespace MentorBot.Features.MentorCohorts;

/// <summary>Months as the monthly cycle names them ("2027-03"): the key of every monthly send, so each goes once.</summary>
public static class CohortMonth
{
    public static string Key(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Previous(DateTimeOffset at) => Key(at.UtcDateTime.AddMonths(-1));

    public static string Name(string key) =>
        DateTime.ParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>When the cycle of the month after <paramref name="at"/> runs: its configured day and hour (UTC).</summary>
    public static DateTimeOffset NextRun(DateTimeOffset at, MentorCohortSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var next = at.UtcDateTime.AddMonths(1);
        return new DateTimeOffset(next.Year, next.Month, Math.Clamp(settings.DayOfMonth, 1, 28), Math.Clamp(settings.HourUtc, 0, 23), 0, 0, TimeSpan.Zero);
    }

    /// <summary>True for a "yyyy-MM" key of this month or the one before (a card may be answered a few weeks late).</summary>
    public static bool IsAskable(string? key, DateTimeOffset now)
    {
        if (key is not { Length: 7 } || !DateTime.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }

        return key == Key(now) || key == Key(now.AddMonths(-1));
    }
}

/// <summary>Settings of mentor cohorts ("MentorCohorts" section).</summary>
public sealed class MentorCohortSettings
{
    /// <summary>Day of the month (1–28) of the peer reminder, the accountability cards and the digest.</summary>
    public int DayOfMonth { get; set; } = 1;

    public int HourUtc { get; set; } = 9;

    /// <summary>How many mentors must share in a month before the digest quotes them; never below 3.</summary>
    public int DigestMinimumSharers { get; set; } = CohortDigest.FewestSharers;
}
