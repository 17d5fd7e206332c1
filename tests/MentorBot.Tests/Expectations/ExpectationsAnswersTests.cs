using MentorBot.Cards;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;

namespace MentorBot.Tests.Expectations;

public sealed class ExpectationsAnswersTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> MenteeValues() => new()
    {
        [ExpectationsQuestions.Goals] = " Lead a design review ",
        [ExpectationsQuestions.SkillGap] = "Feedback to seniors",
        [ExpectationsQuestions.BetweenMeetings] = ExpectationChoices.Anytime,
        [ExpectationsQuestions.Frequency] = ExpectationChoices.Weekly,
        [ExpectationsQuestions.Modes] = "chat,video",
        [ExpectationsQuestions.Rescheduling] = "Move it within the week",
        [ExpectationsQuestions.Success] = string.Empty,
    };

    [Fact]
    public void Dialog_values_become_answers_and_back()
    {
        var answers = ExpectationsAnswers.FromDialogValues(PairRole.Mentee, MenteeValues(), Now);

        Assert.Equal("Lead a design review", answers.Goals);
        Assert.Equal(["chat", "video"], answers.Modes);
        Assert.Equal(string.Empty, answers.SuccessCriteria);
        Assert.Null(answers.Offer);
        var again = ExpectationsAnswers.FromDialogValues(PairRole.Mentee, answers.ToDialogValues(), Now.AddDays(1));
        Assert.True(again.SameAnswersAs(answers));
    }

    [Fact]
    public void A_different_answer_is_not_the_same_answers()
    {
        var answers = ExpectationsAnswers.FromDialogValues(PairRole.Mentee, MenteeValues(), Now);

        Assert.False(answers.SameAnswersAs(answers with { Modes = ["chat"] }));
        Assert.False(answers.SameAnswersAs(answers with { Frequency = ExpectationChoices.Monthly }));
        Assert.True(answers.SameAnswersAs(answers with { AnsweredAt = Now.AddHours(1) }));
    }

    [Fact]
    public void Mentor_and_mentee_get_their_own_questions_then_the_shared_ones()
    {
        var mentee = ExpectationsQuestions.For(PairRole.Mentee, "Mia").Select(s => s.Key);
        var mentor = ExpectationsQuestions.For(PairRole.Mentor, "Max").Select(s => s.Key);

        Assert.Equal(["goals", "skill-gap", "between-meetings", "frequency", "modes", "rescheduling", "success"], mentee);
        Assert.Equal(["offer", "limits", "between-meetings", "frequency", "modes", "rescheduling", "success"], mentor);
    }

    [Fact]
    public void Dialog_options_survive_the_round_trip_through_dialog_state()
    {
        var previous = ExpectationsAnswers.FromDialogValues(PairRole.Mentee, MenteeValues(), Now);
        var pair = new Pair
        {
            TenantId = "t",
            ProgramId = "p",
            PairId = "pair-1",
            Mentor = new Person("m1", "Mia", null, null),
            Mentee = new Person("m2", "Max", null, null),
            Start = new DateOnly(2026, 3, 1),
            PlannedEnd = new DateOnly(2026, 9, 1),
        };
        var state = new DialogState();
        foreach (var (key, value) in ExpectationsDialogOptions.For(pair, PairRole.Mentee, previous).ToDictionary())
        {
            state.Options[key] = value;
        }

        var options = ExpectationsDialogOptions.From(state)!;

        Assert.Equal(new PairKey("t", "p", "pair-1"), options.Pair);
        Assert.Equal(PairRole.Mentee, options.Role);
        Assert.Equal("Mia", options.PartnerName);
        Assert.True(options.IsRevision);
        Assert.Equal("Lead a design review", options.Previous[ExpectationsQuestions.Goals]);
    }

    [Fact]
    public void A_prefilled_question_shows_the_previous_answer_and_keep_keeps_it()
    {
        var prompt = new PrefilledPrompt(new ChoicePrompt("How often?", ExpectationChoices.Frequencies), ExpectationChoices.Monthly);

        Assert.Equal(ExpectationChoices.Monthly, prompt.Recognize("keep").Value);
        Assert.Equal(ExpectationChoices.Weekly, prompt.Recognize("weekly").Value);
        Assert.Contains("Monthly", prompt.Help, StringComparison.Ordinal);
        var input = Assert.IsType<ChoiceSetInput>(Assert.Single(prompt.Inputs(null)));
        Assert.Equal(ExpectationChoices.Monthly, input.Value);
        input = Assert.IsType<ChoiceSetInput>(Assert.Single(prompt.Inputs(ExpectationChoices.Weekly)));
        Assert.Equal(ExpectationChoices.Weekly, input.Value);
    }
}
