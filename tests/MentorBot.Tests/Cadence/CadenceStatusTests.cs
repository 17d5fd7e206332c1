using MentorBot.Features.Cadence;
using MentorBot.Features.Expectations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;

namespace MentorBot.Tests.Cadence;

public sealed class CadenceStatusTests
{
    private static readonly DateTimeOffset Agreed = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static Meeting Meeting(string key, DateTimeOffset start, MeetingStatus status = MeetingStatus.Scheduled) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = "pair",
        MeetingKey = key,
        Start = start,
        End = start.AddMinutes(30),
        Status = status,
    };

    [Fact]
    public void Before_the_first_meeting_the_gap_counts_from_the_agreement()
    {
        var status = CadenceStatus.Of(Week, [], Agreed, Agreed.AddDays(11));

        Assert.Equal(TimeSpan.FromDays(11), status.SinceLastMeeting);
        Assert.True(status.IsDrifting);
        Assert.False(status.NeedsCoordinator(3));
        Assert.Equal("agreement", status.EpisodeKey);
    }

    [Fact]
    public void A_weekly_pair_is_on_rhythm_within_a_week_and_a_half_and_escalates_at_three_weeks()
    {
        var met = Meeting("m1", Agreed.AddDays(2));

        Assert.False(CadenceStatus.Of(Week, [met], Agreed, Agreed.AddDays(2 + 10)).IsDrifting);
        Assert.True(CadenceStatus.Of(Week, [met], Agreed, Agreed.AddDays(2 + 11)).IsDrifting);
        Assert.True(CadenceStatus.Of(Week, [met], Agreed, Agreed.AddDays(2 + 21.1)).NeedsCoordinator(3));
        Assert.Equal("m1", CadenceStatus.Of(Week, [met], Agreed, Agreed.AddDays(20)).EpisodeKey);
    }

    [Fact]
    public void Cancelled_meetings_do_not_count_and_a_planned_meeting_means_no_drift()
    {
        var cancelled = Meeting("c", Agreed.AddDays(3), MeetingStatus.Cancelled);
        var planned = Meeting("next", Agreed.AddDays(30));

        var withCancelled = CadenceStatus.Of(Week, [cancelled], Agreed, Agreed.AddDays(12));
        var withPlanned = CadenceStatus.Of(Week, [cancelled, planned], Agreed, Agreed.AddDays(25));

        Assert.Equal(TimeSpan.FromDays(12), withCancelled.SinceLastMeeting);
        Assert.False(withPlanned.IsDrifting);
        Assert.False(withPlanned.NeedsCoordinator(3));
    }

    private static ExpectationsAgreement Agreement(string mentor, string mentee, bool confirmed = true) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = "pair",
        Version = 1,
        MentorName = "Mia",
        MenteeName = "Max",
        Mentor = new ExpectationsAnswers { Role = PairRole.Mentor, Frequency = mentor },
        Mentee = new ExpectationsAnswers { Role = PairRole.Mentee, Frequency = mentee },
        Confirmations = confirmed
            ? [new AgreementConfirmation(PairRole.Mentor, "mia", Agreed), new AgreementConfirmation(PairRole.Mentee, "max", Agreed)]
            : [],
    };

    [Theory]
    [InlineData("weekly", "monthly", 30)]
    [InlineData("fortnightly", "weekly", 14)]
    [InlineData("weekly", "weekly", 7)]
    public void The_less_frequent_of_the_two_answers_is_the_agreed_interval(string mentor, string mentee, int days)
    {
        Assert.Equal(TimeSpan.FromDays(days), AgreedCadence.IntervalOf(Agreement(mentor, mentee)));
    }

    [Fact]
    public void An_unconfirmed_agreement_or_as_needed_means_no_cadence_to_watch()
    {
        Assert.Null(AgreedCadence.IntervalOf(Agreement("weekly", "weekly", confirmed: false)));
        Assert.Null(AgreedCadence.IntervalOf(Agreement("weekly", "as-needed")));
        Assert.Null(AgreedCadence.IntervalOf(null));
    }

    [Fact]
    public void As_needed_has_no_cadence()
    {
        Assert.Null(AgreedCadence.Interval("as-needed"));
    }
}
