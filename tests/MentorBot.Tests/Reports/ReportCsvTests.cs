using MentorBot.Features.Reports;

namespace MentorBot.Tests.Reports;

public sealed class ReportCsvTests
{
    private static readonly string[] Lines = ReportCsv.Build(ProgramReport.Compute(ReportSeed.Inputs())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Csv_has_the_reports_numbers_in_long_format()
    {
        Assert.Equal(ReportCsv.Header, Lines[0]);
        Assert.Contains("Cohort,Spring A,pairs,,4,", Lines);
        Assert.Contains("Cohort,Spring A,outcome_mean,satisfaction,4.4,5", Lines);
        Assert.Contains("Cohort,Spring B,outcome_mean,satisfaction,,3", Lines);
        Assert.Contains("Cohort,Spring A,checkin_structure,NotWorking,1,3", Lines);
        Assert.Contains("Cohort,Spring B,rematch_by_category,communication,1,", Lines);
        Assert.Contains("Cohort,Spring A,mentors_reporting_learning,,2,4", Lines);
    }

    [Fact]
    public void A_suppressed_group_is_one_row_without_numbers_and_no_free_text_is_exported()
    {
        Assert.Equal(
            ["Program,Whole program,left_out_of_every_figure,Tiny C,fewer than 5 people,", "Cohort,Tiny C,suppressed,,fewer than 5 people,"],
            Lines.Where(l => l.Contains("Tiny C", StringComparison.Ordinal)));
        Assert.DoesNotContain(Lines, l => l.Contains(ReportSeed.SharedLearning, StringComparison.Ordinal) || l.Contains("private", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    public void Fields_are_quoted_and_formulas_defused(string value, string expected) => Assert.Equal(expected, ReportCsv.Field(value));
}
