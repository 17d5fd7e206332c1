using MentorBot.Features.Programs;

namespace MentorBot.Tests.Programs;

/// <summary>Quiet hours (21:00–08:00 by default) for the people a prompt is for, each in their own time zone.</summary>
public sealed class QuietHoursTests
{
    private static readonly ProgramSettings Program = new() { TimeZone = "UTC" };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void With_no_time_zone_known_the_programs_decides()
    {
        Assert.Equal(Utc(1, 11, 8), Program.OutsideQuietHours(Utc(1, 10, 22, 30), [null, null]));
        Assert.Equal(Utc(1, 11, 8), Program.OutsideQuietHours(Utc(1, 10, 22, 30)));
        Assert.Equal(Utc(1, 10, 12), Program.OutsideQuietHours(Utc(1, 10, 12), [null, null]));
    }

    [Fact]
    public void A_pair_in_Tokyo_waits_for_the_Tokyo_morning_not_the_programs()
    {
        // 13:30 UTC is 22:30 in Tokyo (UTC+9): night there, afternoon for the program.
        Assert.Equal(Utc(1, 10, 23), Program.OutsideQuietHours(Utc(1, 10, 13, 30), ["Asia/Tokyo", "Asia/Tokyo"]));
    }

    [Fact]
    public void It_must_be_day_for_both_so_one_in_Tokyo_and_one_unknown_wait_for_the_later_morning()
    {
        // Tokyo's morning (23:00 UTC) is night for the program; the program's morning (08:00 UTC) is 17:00 in Tokyo.
        Assert.Equal(Utc(1, 11, 8), Program.OutsideQuietHours(Utc(1, 10, 13, 30), ["Asia/Tokyo", null]));
    }

    [Fact]
    public void Summer_time_moves_the_morning()
    {
        // 20:30 UTC on 1 July is 21:30 in London (UTC+1): quiet until 08:00 there, 07:00 UTC.
        Assert.Equal(Utc(7, 2, 7), Program.OutsideQuietHours(Utc(7, 1, 20, 30), ["Europe/London", "Europe/London"]));
    }

    [Fact]
    public void When_their_days_never_meet_the_programs_time_zone_decides()
    {
        // Awake 08:00–20:00 each, twelve hours apart: never both awake.
        var settings = Program with { QuietHoursStart = 20, QuietHoursEnd = 8 };

        Assert.Equal(Utc(1, 11, 8), settings.OutsideQuietHours(Utc(1, 10, 21), ["Etc/UTC", "Etc/GMT-12"]));
    }

    [Fact]
    public void An_unknown_time_zone_counts_as_the_programs()
    {
        Assert.Equal(Utc(1, 11, 8), Program.OutsideQuietHours(Utc(1, 10, 22), ["Mars/Olympus_Mons", null]));
    }
}
