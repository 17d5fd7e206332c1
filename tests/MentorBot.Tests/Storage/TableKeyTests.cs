using MentorBot.Infrastructure.Storage;

namespace MentorBot.Tests.Storage;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("19:abc@thread.tacv2;messageid=1", "19:abc@thread.tacv2;messageid=1")]
    [InlineData("a/b\\c#d?e%f", "a%2Fb%5Cc%23d%3Fe%25f")]
    [InlineData("tab\there", "tab%09here")]
    public void Keys_escape_exactly_the_characters_table_storage_forbids_and_unescape_back(string raw, string escaped)
    {
        Assert.Equal(escaped, TableKey.Escape(raw));
        Assert.Equal(raw, TableKey.Unescape(TableKey.Escape(raw)));
    }
}
