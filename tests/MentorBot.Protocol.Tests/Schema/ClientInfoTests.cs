using System.Text.Json;
using MentorBot.Protocol.Schema;

namespace MentorBot.Protocol.Tests.Schema;

public sealed class ClientInfoTests
{
    private static Activity Parse(string entities) =>
        JsonSerializer.Deserialize<Activity>($$"""{ "type": "message", "entities": {{entities}} }""", ProtocolJson.Options)!;

    [Fact]
    public void The_client_info_entity_gives_the_persons_time_zone_beside_other_entities()
    {
        var activity = Parse("""
            [ { "type": "mention", "text": "<at>MentorBot</at>" },
              { "type": "clientInfo", "locale": "ja-JP", "country": "JP", "platform": "Android", "timezone": "Asia/Tokyo" } ]
            """);

        Assert.Equal(new ClientInfo("ja-JP", "JP", "Android", "Asia/Tokyo"), ClientInfo.From(activity));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""[ { "type": "mention" }, "not an object", 42 ]""")]
    public void Without_a_client_info_entity_there_is_none(string entities) => Assert.Null(ClientInfo.From(Parse(entities)));

    [Fact]
    public void Missing_empty_or_non_text_fields_are_null()
    {
        var info = ClientInfo.From(Parse("""[ { "type": "clientInfo", "timezone": "", "locale": 7, "platform": null } ]"""));

        Assert.Equal(new ClientInfo(null, null, null, null), info);
    }
}
