namespace MentorBot.Features.Programs;

/// <summary>
/// A program's thresholds and schedule. The defaults are what a program would choose without thinking about it;
/// a coordinator can change each one.
/// </summary>
public sealed record ProgramSettings
{
    /// <summary>How long a pair runs when the coordinator gives no planned end.</summary>
    public int DurationWeeks { get; init; } = 26;

    /// <summary>How many mentees one mentor may have at once.</summary>
    public int MentorCapacity { get; init; } = 3;

    /// <summary>Days after the pair starts when a party who has not finished the expectations conversation is reminded.</summary>
    public IReadOnlyList<int> ExpectationsReminderDays { get; init; } = [3, 7];

    /// <summary>Days after which unfinished expectations raise an alert to the coordinators.</summary>
    public int ExpectationsOverdueDays { get; init; } = 14;

    /// <summary>Minutes after a meeting ends before the check-in card is sent.</summary>
    public int CheckInDelayMinutes { get; init; } = 15;

    /// <summary>"Could be better" answers in a row from one party that raise an alert.</summary>
    public int CouldBeBetterInARow { get; init; } = 2;

    /// <summary>Multiples of the agreed meeting interval without a meeting that raise an alert.</summary>
    public int CadenceAlertIntervals { get; init; } = 3;

    /// <summary>The program's time zone (IANA or Windows id), for quiet hours when a person's own is not known.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>No check-in or reminder is sent between these hours (local time), e.g. 21 to 8.</summary>
    public int QuietHoursStart { get; init; } = 21;

    public int QuietHoursEnd { get; init; } = 8;

    /// <summary>Applies one change by name; returns the problem, or null when it was applied.</summary>
    public (ProgramSettings Settings, string? Problem) With(string name, string value)
    {
        static bool Positive(string v, int max, out int n) => int.TryParse(v, out n) && n >= 1 && n <= max;

        switch (name.ToLowerInvariant())
        {
            case "durationweeks" when Positive(value, 260, out var weeks):
                return (this with { DurationWeeks = weeks }, null);
            case "mentorcapacity" when Positive(value, 50, out var capacity):
                return (this with { MentorCapacity = capacity }, null);
            case "expectationsoverduedays" when Positive(value, 90, out var overdue):
                return (this with { ExpectationsOverdueDays = overdue }, null);
            case "checkindelayminutes" when Positive(value, 24 * 60, out var delay):
                return (this with { CheckInDelayMinutes = delay }, null);
            case "couldbebetterinarow" when Positive(value, 10, out var inARow):
                return (this with { CouldBeBetterInARow = inARow }, null);
            case "cadencealertintervals" when Positive(value, 10, out var intervals):
                return (this with { CadenceAlertIntervals = intervals }, null);
            case "timezone" when TimeZoneInfo.TryFindSystemTimeZoneById(value, out _):
                return (this with { TimeZone = value }, null);
            case "quiethoursstart" when int.TryParse(value, out var quietStart) && quietStart is >= 0 and <= 23:
                return (this with { QuietHoursStart = quietStart }, null);
            case "quiethoursend" when int.TryParse(value, out var quietEnd) && quietEnd is >= 0 and <= 23:
                return (this with { QuietHoursEnd = quietEnd }, null);
            case "expectationsreminderdays":
                var days = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var parsed = days.Select(d => Positive(d, 90, out var n) ? n : -1).ToList();
                return parsed.Count > 0 && parsed.All(d => d > 0)
                    ? (this with { ExpectationsReminderDays = parsed.Order().Distinct().ToList() }, null)
                    : (this, "Reminder days are whole numbers of days, separated by commas, e.g. 3,7.");
            default:
                return (this, $"\"{name}\" is not a setting, or \"{value}\" is not a sensible value for it. Settings: {string.Join(", ", Names)}.");
        }
    }

    public static IReadOnlyList<string> Names { get; } =
    [
        "DurationWeeks", "MentorCapacity", "ExpectationsReminderDays", "ExpectationsOverdueDays",
        "CheckInDelayMinutes", "CouldBeBetterInARow", "CadenceAlertIntervals", "TimeZone", "QuietHoursStart", "QuietHoursEnd",
    ];

    public IReadOnlyList<(string Name, string Value)> Describe() =>
    [
        ("DurationWeeks", DurationWeeks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("MentorCapacity", MentorCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("ExpectationsReminderDays", string.Join(',', ExpectationsReminderDays)),
        ("ExpectationsOverdueDays", ExpectationsOverdueDays.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("CheckInDelayMinutes", CheckInDelayMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("CouldBeBetterInARow", CouldBeBetterInARow.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("CadenceAlertIntervals", CadenceAlertIntervals.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("TimeZone", TimeZone),
        ("QuietHours", $"{QuietHoursStart}:00–{QuietHoursEnd}:00"),
    ];

    /// <summary>The first moment at or after <paramref name="at"/> that is outside quiet hours in the program's time zone.</summary>
    public DateTimeOffset OutsideQuietHours(DateTimeOffset at) => OutsideQuietHours(at, ProgramZone());

    /// <summary>
    /// The first moment at or after <paramref name="at"/> that is outside quiet hours for every one of these people,
    /// each in their own time zone (null: not known, the program's is used). When their waking hours never meet, as
    /// for a pair half a world apart with long quiet hours, the program's time zone decides.
    /// </summary>
    public DateTimeOffset OutsideQuietHours(DateTimeOffset at, IEnumerable<string?> timeZones)
    {
        ArgumentNullException.ThrowIfNull(timeZones);
        var programZone = ProgramZone();
        var zones = timeZones.Select(id => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : programZone)
            .DistinctBy(z => z.Id).ToList();
        if (zones.Count == 0)
        {
            zones.Add(programZone);
        }

        // Quiet hours end at the same local hour every day, so the answer is "now" or a morning in one of the zones.
        var candidates = zones.SelectMany(z => Enumerable.Range(0, 3).Select(day => Morning(at, z, day))).Where(t => t >= at).Prepend(at).Order();
        foreach (var candidate in candidates)
        {
            if (zones.All(z => !IsQuiet(candidate, z)))
            {
                return candidate;
            }
        }

        return OutsideQuietHours(at, programZone);
    }

    private TimeZoneInfo ProgramZone() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var found) ? found : TimeZoneInfo.Utc;

    private bool IsQuiet(DateTimeOffset at, TimeZoneInfo zone)
    {
        var hour = TimeZoneInfo.ConvertTime(at, zone).Hour;
        return QuietHoursStart > QuietHoursEnd
            ? hour >= QuietHoursStart || hour < QuietHoursEnd
            : hour >= QuietHoursStart && hour < QuietHoursEnd;
    }

    /// <summary>The end of quiet hours in the zone, <paramref name="days"/> days after the local date of <paramref name="at"/>.</summary>
    private DateTimeOffset Morning(DateTimeOffset at, TimeZoneInfo zone, int days)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var morning = new DateTime(local.Year, local.Month, local.Day, QuietHoursEnd, 0, 0, DateTimeKind.Unspecified).AddDays(days);
        return new DateTimeOffset(morning, zone.GetUtcOffset(morning));
    }

    private DateTimeOffset OutsideQuietHours(DateTimeOffset at, TimeZoneInfo zone)
    {
        if (!IsQuiet(at, zone))
        {
            return at;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        return Morning(at, zone, local.Hour >= QuietHoursEnd ? 1 : 0);
    }
}
