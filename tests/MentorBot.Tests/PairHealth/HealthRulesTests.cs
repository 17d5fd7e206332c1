using MentorBot.Features.Cadence;
using MentorBot.Features.CheckIns;
using MentorBot.Features.PairHealth;
using MentorBot.Features.Pairs;

namespace MentorBot.Tests.PairHealth;

public sealed class HealthRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Pair Pair(PairStage stage, int startedDaysAgo) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = "pair",
        Mentor = new Person("mia", "Mia", null, null),
        Mentee = new Person("max", "Max", null, null),
        Start = DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-startedDaysAgo)),
        PlannedEnd = DateOnly.FromDateTime(Now.UtcDateTime.AddDays(180)),
        Stage = stage,
    };

    private static CheckInAnswer CheckIn(string role, CheckInRating rating, int daysAgo, bool help = false) => new()
    {
        TenantId = "t",
        PairId = "pair",
        MeetingKey = $"m{daysAgo}",
        PersonId = role,
        Role = role,
        Structure = rating,
        WantsCoordinatorHelp = help,
        AnsweredAt = Now.AddDays(-daysAgo),
    };

    private static HealthAssessment Assess(Pair pair, IReadOnlyList<CheckInAnswer>? checkIns = null, CadenceStatus? cadence = null) =>
        HealthRules.Assess(pair, Now, 14, checkIns ?? [], cadence, 3);

    [Fact]
    public void Expectations_unfinished_after_the_overdue_period_put_a_pair_at_risk()
    {
        Assert.Equal(HealthLevel.AtRisk, Assess(Pair(PairStage.Expectations, 15)).Level);
        Assert.Equal(HealthLevel.TooEarlyToTell, Assess(Pair(PairStage.Expectations, 5)).Level);
    }

    [Fact]
    public void A_recent_not_working_or_help_request_is_at_risk_and_could_be_better_needs_attention()
    {
        var pair = Pair(PairStage.Working, 60);

        Assert.Equal(HealthLevel.AtRisk, Assess(pair, [CheckIn("mentee", CheckInRating.NotWorking, 3)]).Level);
        Assert.Equal(HealthLevel.AtRisk, Assess(pair, [CheckIn("mentor", CheckInRating.WorkingWell, 3, help: true)]).Level);
        Assert.Equal(HealthLevel.NeedsAttention, Assess(pair, [CheckIn("mentee", CheckInRating.CouldBeBetter, 3)]).Level);
    }

    [Fact]
    public void Only_the_two_latest_check_ins_of_each_party_count()
    {
        var pair = Pair(PairStage.Working, 90);
        var old = CheckIn("mentee", CheckInRating.NotWorking, 60);
        var since = new[] { CheckIn("mentee", CheckInRating.WorkingWell, 20), CheckIn("mentee", CheckInRating.WorkingWell, 6) };

        var health = Assess(pair, [old, .. since]);

        Assert.Equal(HealthLevel.OnTrack, health.Level);
    }

    [Fact]
    public void Meetings_drifting_from_the_agreement_need_attention_and_long_drift_is_at_risk()
    {
        var pair = Pair(PairStage.Working, 60);
        var drifting = new CadenceStatus(TimeSpan.FromDays(7), TimeSpan.FromDays(12), "m1", false);
        var gone = new CadenceStatus(TimeSpan.FromDays(7), TimeSpan.FromDays(25), "m1", false);

        Assert.Equal(HealthLevel.NeedsAttention, Assess(pair, cadence: drifting).Level);
        var atRisk = Assess(pair, cadence: gone);
        Assert.Equal(HealthLevel.AtRisk, atRisk.Level);
        Assert.Contains("25 days", atRisk.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_pair_without_check_ins_is_too_early_to_tell_and_the_worst_signal_decides()
    {
        Assert.Equal(HealthLevel.TooEarlyToTell, Assess(Pair(PairStage.Initial, 5)).Level);
        var mixed = Assess(Pair(PairStage.Working, 60), [CheckIn("mentee", CheckInRating.CouldBeBetter, 2)],
            new CadenceStatus(TimeSpan.FromDays(7), TimeSpan.FromDays(30), "m", false));
        Assert.Equal(HealthLevel.AtRisk, mixed.Level);
    }

    [Fact]
    public void A_request_still_open_after_two_meetings_needs_attention_and_says_which()
    {
        var pair = Pair(PairStage.Working, 60);
        CheckInAnswer Max(int daysAgo, FollowUpOutcome? outcome) => CheckIn("mentee", CheckInRating.WorkingWell, daysAgo) with
        {
            PersonId = "max",
            Need = outcome is null ? new CheckInRequest("more time on system design") : null,
            FollowUps = outcome is { } o ? [new CheckInFollowUp(RequestKind.Need, "m30", o)] : [],
        };

        var once = Assess(pair, [Max(30, null), Max(20, FollowUpOutcome.No)]);
        var twice = Assess(pair, [Max(30, null), Max(20, FollowUpOutcome.No), Max(10, FollowUpOutcome.No)]);
        var done = Assess(pair, [Max(30, null), Max(20, FollowUpOutcome.No), Max(10, FollowUpOutcome.Yes)]);

        Assert.Equal(HealthLevel.OnTrack, once.Level);
        Assert.Equal(HealthLevel.NeedsAttention, twice.Level);
        Assert.Equal("Max's request \"more time on system design\" still open after two meetings", twice.Reason);
        Assert.Equal(HealthLevel.OnTrack, done.Level);
    }
}
