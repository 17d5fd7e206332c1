using System.Text;
using MentorBot.Features.Registration;

namespace MentorBot.Tests.Registration;

public sealed class PairCsvTests
{
    private static PairCsvFile Parse(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return PairCsv.Parse(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }

    [Fact]
    public void Reads_every_column_of_a_well_formed_file()
    {
        var file = Parse("mentor,mentee,cohort,start,end,focus\nmia@contoso.com,max@contoso.com,Spring 2027,2027-03-01,2027-09-01,Platform engineering\n");

        Assert.Null(file.Problem);
        var row = Assert.Single(file.Rows);
        Assert.Equal(2, row.Line);
        Assert.Equal("mia@contoso.com", row.Mentor);
        Assert.Equal("max@contoso.com", row.Mentee);
        Assert.Equal("Spring 2027", row.Cohort);
        Assert.Equal(new DateOnly(2027, 3, 1), row.Start);
        Assert.Equal(new DateOnly(2027, 9, 1), row.End);
        Assert.Equal("Platform engineering", row.Focus);
        Assert.Null(row.Problem);
        Assert.False(file.HasProgramColumn);
    }

    [Fact]
    public void Headers_are_matched_whatever_their_case_order_and_spacing_and_optional_columns_may_be_left_out()
    {
        var file = Parse(" Mentee ;MENTOR\r\nmax@contoso.com;mia@contoso.com\r\n");

        var row = Assert.Single(file.Rows);
        Assert.Equal("mia@contoso.com", row.Mentor);
        Assert.Equal("max@contoso.com", row.Mentee);
        Assert.Null(row.Cohort);
        Assert.Null(row.Start);
        Assert.Null(row.Focus);
    }

    [Fact]
    public void A_byte_order_mark_quotes_crlf_and_trailing_empty_lines_are_tolerated()
    {
        var file = Parse("mentor,mentee,focus\r\n\"mia@contoso.com\",max@contoso.com,\"Leading, with \"\"care\"\"\r\nand a second line\"\r\n\r\n,,\r\n\r\n", bom: true);

        Assert.Null(file.Problem);
        var row = Assert.Single(file.Rows);
        Assert.Equal("mia@contoso.com", row.Mentor);
        Assert.Equal("Leading, with \"care\"\r\nand a second line", row.Focus);
    }

    [Fact]
    public void Row_numbers_are_the_lines_a_spreadsheet_shows()
    {
        var file = Parse("mentor,mentee\na@x.com,b@x.com\n\nc@x.com,d@x.com\n");

        Assert.Equal([2, 4], file.Rows.Select(r => r.Line));
    }

    [Fact]
    public void A_bad_date_or_a_missing_person_is_a_problem_of_that_row_only()
    {
        var file = Parse("mentor,mentee,start,end\na@x.com,b@x.com,01/03/2027,\n,d@x.com,,\ne@x.com,f@x.com,2027-03-01,2027-02-30\ng@x.com,h@x.com,,\n");

        Assert.Null(file.Problem);
        Assert.Equal(4, file.Rows.Count);
        Assert.Contains("start \"01/03/2027\" is not a date written as yyyy-mm-dd", file.Rows[0].Problem, StringComparison.Ordinal);
        Assert.Contains("the mentor is missing", file.Rows[1].Problem, StringComparison.Ordinal);
        Assert.Contains("end \"2027-02-30\"", file.Rows[2].Problem, StringComparison.Ordinal);
        Assert.Null(file.Rows[3].Problem);
    }

    [Fact]
    public void A_focus_that_is_too_long_is_a_problem_of_the_row()
    {
        var file = Parse($"mentor,mentee,focus\na@x.com,b@x.com,{new string('x', PairCsv.MaxFocusLength + 1)}\n");

        Assert.Contains("focus is longer", Assert.Single(file.Rows).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_column_is_read_when_present()
    {
        var file = Parse("program,mentor,mentee\nSales mentoring,a@x.com,b@x.com\n");

        Assert.True(file.HasProgramColumn);
        Assert.Equal("Sales mentoring", Assert.Single(file.Rows).Program);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("\uFEFF")]
    public void An_empty_file_is_refused(string text)
    {
        Assert.Equal("The file is empty.", Parse(text).Problem);
    }

    [Fact]
    public void A_header_without_rows_is_refused()
    {
        Assert.Contains("no rows", Parse("mentor,mentee\r\n").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_the_mentor_and_mentee_columns_is_refused_naming_what_it_has()
    {
        var file = Parse("name,email\nMia,mia@contoso.com\n");

        Assert.Contains("at least the columns mentor and mentee", file.Problem, StringComparison.Ordinal);
        Assert.Contains("\"name\", \"email\"", file.Problem, StringComparison.Ordinal);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public void A_binary_file_is_refused()
    {
        var file = PairCsv.Parse("PK\u0003\u0004\0\0\0binary"u8.ToArray());

        Assert.Contains("doesn't look like a CSV", file.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_500_rows_are_refused_and_500_are_accepted()
    {
        static string Rows(int n) => "mentor,mentee\n" + string.Concat(Enumerable.Range(0, n).Select(i => $"m{i}@x.com,e{i}@x.com\n"));

        Assert.Equal(PairCsv.MaxRows, Parse(Rows(PairCsv.MaxRows)).Rows.Count);
        var tooMany = Parse(Rows(PairCsv.MaxRows + 1));
        Assert.Contains("more than 500 rows", tooMany.Problem, StringComparison.Ordinal);
        Assert.Empty(tooMany.Rows);
    }
}
