using System.Text.Json;
using MentorBot.Protocol.Schema;

namespace MentorBot.Protocol.Tests.Schema;

public sealed class ActivityJsonTests
{
    private const string TeamsChannelMessage = """
        {
          "type": "message", "id": "1700000000000", "timestamp": "2026-11-28T10:00:00.000Z",
          "serviceUrl": "https://smba.trafficmanager.net/emea/", "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Ana Lima", "aadObjectId": "0f8fad5b-d9cb-469f-a165-70867728950e" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "t-1", "id": "19:abc@thread.tacv2;messageid=1700000000000" },
          "recipient": { "id": "28:bot", "name": "MentorBot" },
          "text": "<at>MentorBot</at> help", "textFormat": "plain", "locale": "en-GB",
          "entities": [ { "type": "mention", "text": "<at>MentorBot</at>", "mentioned": { "id": "28:bot", "name": "MentorBot" } } ],
          "channelData": { "teamsChannelId": "19:abc@thread.tacv2", "teamsTeamId": "19:team@thread.tacv2",
            "channel": { "id": "19:abc@thread.tacv2" }, "team": { "id": "19:team@thread.tacv2", "aadGroupId": "g-1" },
            "tenant": { "id": "t-1" }, "somethingNew": { "nested": [1, 2] } },
          "futureField": 42
        }
        """;

    [Fact]
    public void A_teams_channel_message_parses_with_tenant_team_channel_and_sender()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsChannelMessage, ProtocolJson.Options)!;

        Assert.Equal("message", activity.Type);
        Assert.Equal("t-1", activity.TenantId);
        Assert.Equal("19:team@thread.tacv2", activity.ChannelData!.Team!.Id);
        Assert.Equal("19:abc@thread.tacv2", activity.ChannelData.Channel!.Id);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", activity.From!.AadObjectId);
        Assert.Equal(ConversationTypes.Channel, activity.Conversation!.ConversationType);
    }

    [Fact]
    public void Unknown_fields_do_no_harm_and_survive_a_round_trip()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsChannelMessage, ProtocolJson.Options)!;

        var json = JsonSerializer.Serialize(activity, ProtocolJson.Options);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(42, doc.RootElement.GetProperty("futureField").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("channelData").GetProperty("somethingNew").GetProperty("nested")[1].GetInt32());
    }

    [Fact]
    public void Outgoing_activities_leave_out_unset_fields()
    {
        var json = JsonSerializer.Serialize(Activity.CreateMessage("hello"), ProtocolJson.Options);

        Assert.Equal("{\"type\":\"message\",\"text\":\"hello\"}", json);
    }

    [Fact]
    public void An_invoke_response_has_the_shape_teams_reads()
    {
        var json = JsonSerializer.Serialize(InvokeResponse.Error(400, "BadVerb", "No such action"), ProtocolJson.Options);

        Assert.Equal("{\"statusCode\":400,\"type\":\"application/vnd.microsoft.error\",\"value\":{\"code\":\"BadVerb\",\"message\":\"No such action\"}}", json);
    }
}
