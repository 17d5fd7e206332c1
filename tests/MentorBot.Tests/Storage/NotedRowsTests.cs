using Azure;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Tests.Storage;

public sealed class NotedRowsTests
{
    private static readonly RowRef Row = new("DialogStates", "personal", "11111111-aaaa-4bbb-8ccc-000000000001");
    private static readonly ETag Written = new("W/\"datetime'2026-12-03T07%3A41%3A10.8477053Z'\"");

    [Fact]
    public void An_update_conditional_on_the_version_noted_with_no_new_identifier_has_nothing_to_note()
    {
        var noted = new NotedRows();
        noted.Remember(Row, Written, ["a", "b"]);

        Assert.Empty(noted.NotYetNoted(Row, Written, ["b"])!);
        // The same version spelled unescaped, as a header may give it.
        Assert.Empty(noted.NotYetNoted(Row, new ETag("W/\"datetime'2026-12-03T07:41:10.8477053Z'\""), ["a"])!);
    }

    [Fact]
    public void An_update_conditional_on_the_version_noted_notes_only_its_new_identifiers()
    {
        var noted = new NotedRows();
        noted.Remember(Row, Written, ["a"]);

        Assert.Equal(["c"], noted.NotYetNoted(Row, Written, ["a", "c"]));
    }

    [Fact]
    public void Another_version_an_unconditional_write_or_a_forgotten_row_notes_everything()
    {
        var noted = new NotedRows();
        noted.Remember(Row, Written, ["a"]);

        Assert.Null(noted.NotYetNoted(Row, new ETag("W/\"datetime'2026-12-03T07%3A41%3A11Z'\""), ["a"]));
        Assert.Null(noted.NotYetNoted(Row, ETag.All, ["a"]));
        Assert.Null(noted.NotYetNoted(Row with { RowKey = "someone-else" }, Written, ["a"]));

        noted.Forget(Row);
        Assert.Null(noted.NotYetNoted(Row, Written, ["a"]));
    }

    [Fact]
    public void A_write_with_no_version_to_remember_forgets_the_row()
    {
        var noted = new NotedRows();
        noted.Remember(Row, Written, ["a"]);

        noted.Remember(Row, null, ["a"]);

        Assert.Null(noted.NotYetNoted(Row, Written, ["a"]));
    }
}
