using MentorBot.Hosting;

namespace MentorBot.Tests.Hosting;

public sealed class PeopleFreeUrlsTests
{
    [Theory]
    [InlineData(
        "https://acct.table.core.windows.net/mbRowIndex(PartitionKey='id%7Cmia%40contoso.com',RowKey='x')?$format=json",
        "https://acct.table.core.windows.net/mbRowIndex(…)?*")]
    [InlineData("https://graph.microsoft.com/v1.0/users/mia%40contoso.com/calendarView/delta", "https://graph.microsoft.com/v1.0/users/{address}/calendarView/delta")]
    [InlineData("https://graph.microsoft.com/v1.0/users?$filter=mail%20eq%20'mia%40contoso.com'", "https://graph.microsoft.com/v1.0/users?*")]
    [InlineData("/v3/conversations/19:abc@thread.v2/activities", "/v3/conversations/{address}/activities")]
    [InlineData("https://graph.microsoft.com/v1.0/users/4ac55950-01f7-3960-da39-000000000000/events", "https://graph.microsoft.com/v1.0/users/4ac55950-01f7-3960-da39-000000000000/events")]
    [InlineData("/api/messages", "/api/messages")]
    public void A_url_keeps_its_shape_without_the_people_in_it(string url, string expected)
    {
        Assert.Equal(expected, PeopleFreeUrls.Redact(url));
    }
}
