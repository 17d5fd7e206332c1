using MentorBot.Features.CheckIns;
using MentorBot.Features.Programs;

namespace MentorBot.Tests.CheckIns;

/// <summary>When the note before a meeting goes out: the morning of its day in the person's zone, never in quiet hours.</summary>
public sealed class PreMeetingNoteTimeTests
{
    private static readonly ProgramSettings Program = new() { TimeZone = "UTC" };
    private static readonly PreMeetingNoteOptions Morning = new();

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2027, 1, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_meeting_at_14_in_Berlin_gets_its_note_at_8_Berlin_time()
    {
        // 14:00 Berlin is 13:00 UTC in January; 08:00 Berlin is 07:00 UTC.
        Assert.Equal(Utc(12, 7), PreMeetingNoteTime.For(Utc(12, 13), "Europe/Berlin", Program, Morning));
    }

    [Fact]
    public void Someone_not_heard_from_gets_the_programs_morning()
    {
        Assert.Equal(Utc(12, 8), PreMeetingNoteTime.For(Utc(12, 13), null, Program, Morning));
    }

    [Fact]
    public void A_meeting_before_the_morning_gets_its_note_the_evening_before_outside_quiet_hours()
    {
        Assert.Equal(Utc(11, 20), PreMeetingNoteTime.For(Utc(12, 7, 30), null, Program, Morning));
    }

    [Fact]
    public void A_lead_time_in_quiet_hours_moves_to_the_evening_before()
    {
        var threeHours = new PreMeetingNoteOptions { LeadHours = 3 };
        Assert.Equal(Utc(12, 11), PreMeetingNoteTime.For(Utc(12, 14), null, Program, threeHours));
        Assert.Equal(Utc(11, 20), PreMeetingNoteTime.For(Utc(12, 9), null, Program, threeHours));
    }
}
