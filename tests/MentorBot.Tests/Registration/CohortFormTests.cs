using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Registration;

namespace MentorBot.Tests.Registration;

public sealed class CohortFormTests
{
    private static readonly MentorshipProgram Program = new()
    {
        TenantId = "tenant",
        ProgramId = "sales-mentoring",
        Name = "Sales mentoring",
        Channel = new CoordinatorsChannel("https://smba.example/", "19:c@thread.tacv2", null, null),
    };

    [Fact]
    public void A_complete_form_becomes_a_cohort_of_the_program()
    {
        var (cohort, problem) = CohortForm.Validate(Program, " Spring 2027 ", "2027-03-01", "2027-09-30", "brief", "  ", "true");

        Assert.Null(problem);
        Assert.Equal("spring-2027", cohort!.CohortId);
        Assert.Equal("Spring 2027", cohort.Name);
        Assert.Equal("sales-mentoring", cohort.ProgramId);
        Assert.Equal(MentorTraining.BriefOrientation, cohort.Training);
        Assert.Null(cohort.MatchingCriteria);
        Assert.True(cohort.ExplicitGoalsRequired);
    }

    [Theory]
    [InlineData("", "2027-03-01", "2027-09-30", "brief", "Give the cohort a name.")]
    [InlineData("Spring", "", "2027-09-30", "brief", "Give the cohort's start date (yyyy-mm-dd).")]
    [InlineData("Spring", "2027-03-01", "30/09/2027", "brief", "Give the cohort's planned end date (yyyy-mm-dd).")]
    [InlineData("Spring", "2027-03-01", "2027-03-01", "brief", "The planned end (2027-03-01) must be after the start (2027-03-01).")]
    [InlineData("Spring", "2027-03-01", "2027-09-30", null, "Choose the mentor training: substantive training or a brief orientation.")]
    public void Each_missing_or_wrong_value_is_named(string name, string start, string end, string? training, string expected)
    {
        var (cohort, problem) = CohortForm.Validate(Program, name, start, end, training, null, "false");

        Assert.Null(cohort);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Names_without_latin_letters_get_distinct_ids()
    {
        Assert.NotEqual(CohortIds.For("春季"), CohortIds.For("秋季"));
        Assert.Equal(CohortIds.For("春季"), CohortIds.For(" 春季 "));
        Assert.Equal("spring-2027", CohortIds.For("Spring 2027"));
    }
}
