using MentorBot.Features.Lifecycle;
using MentorBot.Features.Pairs;

namespace MentorBot.Tests.Lifecycle;

public sealed class LifecyclePhasesTests
{
    private static readonly DateOnly Start = new(2027, 1, 4);
    private static readonly LifecycleSettings Defaults = new();

    private static Pair Pair(PairStage stage) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = "pair",
        Mentor = new Person("m", "Mia", null, "mia@example.com"),
        Mentee = new Person("e", "Max", null, "max@example.com"),
        Start = Start,
        PlannedEnd = Start.AddDays(182),
        Stage = stage,
    };

    [Fact]
    public void Dates_of_a_six_month_pair()
    {
        Assert.Equal(Start.AddDays(91), LifecyclePhases.Midpoint(Pair(PairStage.Initial)));
        Assert.Equal(Start.AddDays(155), LifecyclePhases.TransitionStart(Pair(PairStage.Initial), Defaults));
        Assert.Equal(Start.AddDays(42), LifecyclePhases.WorkingBy(Pair(PairStage.Initial), Defaults));
    }

    [Theory]
    [InlineData(10, 0, PairStage.Initial)]
    [InlineData(10, 3, PairStage.Working)]
    [InlineData(41, 2, PairStage.Initial)]
    [InlineData(42, 0, PairStage.Working)]
    [InlineData(154, 9, PairStage.Working)]
    [InlineData(155, 0, PairStage.Transition)]
    [InlineData(400, 0, PairStage.Transition)]
    public void Initial_pair_moves_by_meetings_or_weeks_and_never_closes_by_itself(int day, int meetings, PairStage expected) =>
        Assert.Equal(expected, LifecyclePhases.Due(Pair(PairStage.Initial), Start.AddDays(day), meetings, Defaults));

    [Theory]
    [InlineData(PairStage.Created)]
    [InlineData(PairStage.Expectations)]
    [InlineData(PairStage.Closed)]
    public void Pairs_without_an_agreement_or_closed_are_left_alone(PairStage stage) =>
        Assert.Equal(stage, LifecyclePhases.Due(Pair(stage), Start.AddDays(170), 10, Defaults));

    [Fact]
    public void A_stage_never_goes_back() =>
        Assert.Equal(PairStage.Transition, LifecyclePhases.Due(Pair(PairStage.Transition), Start.AddDays(5), 0, Defaults));

    [Fact]
    public void Both_answers_are_needed_to_decide_and_the_round_keeps_each_privately()
    {
        var round = new EndOrContinueRound { Number = 1, Why = "asked" }.With("mentor", EndOrContinueAnswers.Conclude);
        Assert.True(round.IsOpen);
        Assert.Equal(EndOrContinueAnswers.Conclude, round.AnswerOf("mentor"));
        Assert.Null(round.AnswerOf("mentee"));
    }
}
