using MentorBot.Features.Meetings;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Tests.Meetings;

/// <summary>When check-ins are due, when a meeting may still be cancelled, and when a check-in job is stale.</summary>
public sealed class MeetingTimingTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 15, 0, 0, TimeSpan.Zero);

    private static Meeting MeetingEnding(DateTimeOffset end) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = "pair",
        MeetingKey = "cal-1",
        Start = end.AddMinutes(-30),
        End = end,
    };

    [Fact]
    public void The_check_in_is_due_the_programs_delay_after_the_meeting_ends()
    {
        Assert.Equal(Now.AddDays(3).AddMinutes(15), MeetingTimeRules.CheckInDueAt(MeetingEnding(Now.AddDays(3)), 15, Now));
        Assert.Equal(Now.AddHours(-2).AddMinutes(45), MeetingTimeRules.CheckInDueAt(MeetingEnding(Now.AddHours(-2)), 45, Now));
    }

    [Fact]
    public void A_meeting_found_long_after_it_ended_gets_no_check_in()
    {
        Assert.NotNull(MeetingTimeRules.CheckInDueAt(MeetingEnding(Now.AddHours(-23)), 15, Now));
        Assert.Null(MeetingTimeRules.CheckInDueAt(MeetingEnding(Now.AddDays(-3)), 15, Now));
    }

    [Fact]
    public void A_meeting_removed_long_after_it_ended_stays_in_the_record()
    {
        Assert.True(MeetingTimeRules.MayBeCancelled(MeetingEnding(Now.AddDays(2)), Now));
        Assert.True(MeetingTimeRules.MayBeCancelled(MeetingEnding(Now.AddHours(-3)), Now));
        Assert.False(MeetingTimeRules.MayBeCancelled(MeetingEnding(Now.AddDays(-8)), Now));
    }

    [Fact]
    public void Check_in_within_two_hours_of_a_meeting_is_about_that_meeting()
    {
        var meeting = MeetingEnding(Now);
        Assert.True(MeetingTimeRules.IsSameMeeting(meeting, Now.AddMinutes(-10)));
        Assert.True(MeetingTimeRules.IsSameMeeting(meeting, Now.AddHours(2)));
        Assert.False(MeetingTimeRules.IsSameMeeting(meeting, Now.AddHours(3)));
        Assert.False(MeetingTimeRules.IsSameMeeting(meeting with { Status = MeetingStatus.Cancelled }, Now));
    }

    [Fact]
    public void A_check_in_job_is_current_only_while_the_meeting_still_ends_when_the_job_says()
    {
        var meeting = MeetingEnding(Now);
        var job = MeetingJobs.CheckIn(meeting, Now.AddMinutes(15));

        Assert.Equal(MeetingJobs.CheckInDueKind, job.Kind);
        Assert.Equal("pair/cal-1/20270104T150000Z", job.Key);
        Assert.Equal("2027-01-04T15:00:00.0000000Z", job.Get(MeetingJobs.EndData));
        Assert.True(MeetingJobs.IsCurrent(job, meeting));
        Assert.False(MeetingJobs.IsCurrent(job, meeting with { End = Now.AddHours(1) }));
        Assert.False(MeetingJobs.IsCurrent(job, meeting with { Status = MeetingStatus.Cancelled }));
        Assert.False(MeetingJobs.IsCurrent(job, meeting with { DuplicateOf = "cal-0" }));
        Assert.False(MeetingJobs.IsCurrent(job, null));
        Assert.False(MeetingJobs.IsCurrent(new Job(MeetingJobs.CheckInDueKind, "k", Now), meeting));
    }

    [Fact]
    public void Meeting_keys_are_short_stable_and_safe_in_job_keys()
    {
        var id = "AAMkAGI2TG93AAA=/+x";
        Assert.Equal(MeetingKeys.ForEvent(id), MeetingKeys.ForEvent(id));
        Assert.NotEqual(MeetingKeys.ForEvent(id), MeetingKeys.ForEvent(id.ToLowerInvariant()));
        Assert.Matches("^cal-[0-9a-f]{24}$", MeetingKeys.ForEvent(id));
        Assert.Equal("manual-20270104T1500Z", MeetingKeys.ForManual(Now.AddSeconds(42)));
        Assert.Equal(Now, MeetingKeys.WholeSeconds(Now.AddTicks(9_999_999)));
    }
}
