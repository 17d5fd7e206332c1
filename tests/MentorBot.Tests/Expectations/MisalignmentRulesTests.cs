using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;
using static MentorBot.Features.Expectations.ExpectationChoices;

namespace MentorBot.Tests.Expectations;

public sealed class MisalignmentRulesTests
{
    private const string SoundCriteria = "I have led two design reviews on my own";

    private static ExpectationsAnswers Mentor(string frequency = Weekly, string between = QuickQuestions, string[]? modes = null, string success = SoundCriteria) => new()
    {
        Role = PairRole.Mentor,
        Offer = "Feedback on design documents",
        Limits = "One hour every two weeks",
        Frequency = frequency,
        BetweenMeetings = between,
        Modes = modes ?? [Chat, Video],
        Rescheduling = "Whoever cancels proposes a new time",
        SuccessCriteria = success,
    };

    private static ExpectationsAnswers Mentee(string frequency = Weekly, string between = QuickQuestions, string[]? modes = null, string success = SoundCriteria) => new()
    {
        Role = PairRole.Mentee,
        Goals = "Lead a design review",
        SkillGap = "Giving feedback to senior colleagues",
        Frequency = frequency,
        BetweenMeetings = between,
        Modes = modes ?? [Chat, Video],
        Rescheduling = "Move it within the week",
        SuccessCriteria = success,
    };

    private static IReadOnlyList<Misalignment> Find(ExpectationsAnswers mentor, ExpectationsAnswers mentee) =>
        MisalignmentRules.Find(mentor, mentee, "Mia", "Max");

    [Fact]
    public void Answers_that_line_up_give_no_misalignment()
    {
        Assert.Empty(Find(Mentor(), Mentee()));
    }

    [Fact]
    public void Weekly_against_monthly_is_named_with_both_sides()
    {
        var found = Assert.Single(Find(Mentor(frequency: Monthly), Mentee(frequency: Weekly)));

        Assert.Equal(MisalignmentKind.MeetingFrequency, found.Kind);
        Assert.Equal("Max would like to meet weekly; Mia suggested monthly.", found.Description);
        Assert.False(string.IsNullOrWhiteSpace(found.Question));
    }

    [Theory]
    [InlineData(Weekly, EveryTwoWeeks)]
    [InlineData(EveryTwoWeeks, Monthly)]
    [InlineData(AsNeeded, Weekly)]
    [InlineData(Monthly, AsNeeded)]
    public void Any_difference_in_frequency_is_named(string mentee, string mentor)
    {
        var found = Assert.Single(Find(Mentor(frequency: mentor), Mentee(frequency: mentee)));

        Assert.Equal(MisalignmentKind.MeetingFrequency, found.Kind);
        Assert.Contains(FrequencyText(mentee), found.Description, StringComparison.Ordinal);
        Assert.Contains(FrequencyText(mentor), found.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_choosing_as_needed_is_named_as_having_no_rhythm()
    {
        var found = Assert.Single(Find(Mentor(frequency: AsNeeded), Mentee(frequency: AsNeeded)));

        Assert.Equal(MisalignmentKind.NoMeetingRhythm, found.Kind);
    }

    [Fact]
    public void No_shared_communication_mode_names_what_each_side_chose()
    {
        var found = Assert.Single(Find(Mentor(modes: [Email, Phone]), Mentee(modes: [Chat, InPerson])));

        Assert.Equal(MisalignmentKind.NoSharedCommunicationMode, found.Kind);
        Assert.Contains("Mia chose email and phone", found.Description, StringComparison.Ordinal);
        Assert.Contains("Max chose Teams chat and in person", found.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Sharing_only_written_channels_is_named_as_nowhere_to_meet()
    {
        var found = Assert.Single(Find(Mentor(modes: [Chat, Email, Video]), Mentee(modes: [Chat, Email, InPerson])));

        Assert.Equal(MisalignmentKind.NoSharedMeetingMode, found.Kind);
        Assert.Contains("Teams chat and email", found.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void One_shared_way_to_meet_is_enough()
    {
        Assert.Empty(Find(Mentor(modes: [Phone, Email]), Mentee(modes: [Phone, Chat])));
    }

    [Theory]
    [InlineData(NoContact, QuickQuestions)]
    [InlineData(NoContact, Anytime)]
    [InlineData(QuickQuestions, Anytime)]
    public void A_mentee_expecting_more_contact_between_meetings_than_the_mentor_gives_is_named(string mentor, string mentee)
    {
        var found = Assert.Single(Find(Mentor(between: mentor), Mentee(between: mentee)));

        Assert.Equal(MisalignmentKind.ContactBetweenMeetings, found.Kind);
        Assert.StartsWith($"Max expects {BetweenMeetingsText(mentee)} between meetings", found.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mentor_unavailable_between_meetings_is_said_plainly()
    {
        var found = Assert.Single(Find(Mentor(between: NoContact), Mentee(between: Anytime)));

        Assert.Equal("Max expects contact at any time between meetings; Mia is not available between meetings.", found.Description);
    }

    [Theory]
    [InlineData(NoContact, NoContact)]
    [InlineData(QuickQuestions, NoContact)]
    [InlineData(Anytime, QuickQuestions)]
    [InlineData(Anytime, Anytime)]
    public void A_mentor_offering_as_much_contact_as_expected_or_more_is_fine(string mentor, string mentee)
    {
        Assert.Empty(Find(Mentor(between: mentor), Mentee(between: mentee)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Promotion")]
    [InlineData("Get better")]
    [InlineData("not sure")]
    [InlineData("Not sure yet.")]
    [InlineData("don’t know")]
    [InlineData("n/a")]
    [InlineData("TBD")]
    public void Missing_or_token_success_criteria_count_as_missing(string answer)
    {
        Assert.True(MisalignmentRules.IsMissingSuccessCriteria(answer));
    }

    [Theory]
    [InlineData("Lead a team")]
    [InlineData(SoundCriteria)]
    [InlineData("Not sure how to measure it, but I'd run our retrospectives alone")]
    public void Real_success_criteria_are_accepted(string answer)
    {
        Assert.False(MisalignmentRules.IsMissingSuccessCriteria(answer));
    }

    [Fact]
    public void Success_criteria_missing_on_one_side_names_that_side()
    {
        var found = Assert.Single(Find(Mentor(success: "idk"), Mentee()));

        Assert.Equal(MisalignmentKind.SuccessCriteriaMissing, found.Kind);
        Assert.Equal(PairRole.Mentor, found.About);
        Assert.StartsWith("Mia has not said", found.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Success_criteria_missing_on_both_sides_is_one_item_for_both()
    {
        var found = Assert.Single(Find(Mentor(success: ""), Mentee(success: "")));

        Assert.Equal(MisalignmentKind.SuccessCriteriaMissing, found.Kind);
        Assert.Null(found.About);
        Assert.StartsWith("Neither of you", found.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_differences_come_in_a_stable_order()
    {
        var kinds = Find(Mentor(frequency: Monthly, between: NoContact, modes: [Email], success: ""), Mentee(frequency: Weekly, between: Anytime, modes: [Video]))
            .Select(m => m.Kind);

        Assert.Equal(
            [MisalignmentKind.MeetingFrequency, MisalignmentKind.ContactBetweenMeetings, MisalignmentKind.NoSharedCommunicationMode, MisalignmentKind.SuccessCriteriaMissing],
            kinds);
    }

    [Fact]
    public void Without_names_the_sides_are_called_the_mentor_and_the_mentee()
    {
        var found = Assert.Single(MisalignmentRules.Find(Mentor(frequency: Monthly), Mentee(frequency: Weekly)));

        Assert.Equal("The mentee would like to meet weekly; the mentor suggested monthly.", found.Description);
    }
}
