using System.Net;
using System.Text.Json.Nodes;

namespace MentorBot.Testing.Tests;

public sealed class ActivityFactoryTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string Tenant = "tenant-1";
    private readonly HttpClient _http = SharedHttp.Client;
    private TeamsChannelStandIn _channel = null!;
    private ActivityFactory _activities = null!;

    public async Task InitializeAsync()
    {
        _channel = await TeamsChannelStandIn.StartAsync();
        _activities = new ActivityFactory(_channel, AppId, Tenant);
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
    }

    [Fact]
    public void A_personal_message_looks_like_Teams_and_matches_the_1to1_conversation_id()
    {
        var ada = TestUser.Create("Ada Lovelace");

        var message = _activities.PersonalMessage(ada, "hi");

        Assert.Equal("message", S(message["type"]));
        Assert.Equal("msteams", S(message["channelId"]));
        Assert.Equal(_channel.ServiceUrl, S(message["serviceUrl"]));
        Assert.Equal("hi", S(message["text"]));
        Assert.Equal("28:" + AppId, S(message["recipient"]!["id"]));
        Assert.Equal(ada.TeamsId, S(message["from"]!["id"]));
        Assert.Equal(ada.AadObjectId, S(message["from"]!["aadObjectId"]));
        Assert.Equal("personal", S(message["conversation"]!["conversationType"]));
        Assert.Equal(ConversationIds.Personal(ada.TeamsId), S(message["conversation"]!["id"]));
        Assert.Equal(Tenant, S(message["conversation"]!["tenantId"]));
        Assert.Equal(Tenant, S(message["channelData"]!["tenant"]!["id"]));
        Assert.Null(message["conversation"]!["isGroup"]);
        Assert.NotEqual(S(message["id"]), S(_activities.PersonalMessage(ada, "again")["id"]));
        Assert.StartsWith("29:ada-lovelace-", ada.TeamsId, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(ada.AadObjectId, out _));
    }

    [Fact]
    public void Group_and_channel_messages_mention_the_bot()
    {
        var ada = TestUser.Create("Ada");
        var teamId = ConversationIds.NewChannel();
        var channelId = ConversationIds.NewChannel();

        var chat = _activities.GroupChatMessage("19:chat@thread.v2", ada, "pair us");
        var post = _activities.ChannelMessage(teamId, channelId, ada, "hello channel");

        Assert.Equal("<at>MentorBot</at> pair us", S(chat["text"]));
        Assert.Equal("groupChat", S(chat["conversation"]!["conversationType"]));
        Assert.True(chat["conversation"]!["isGroup"]!.GetValue<bool>());
        var mention = chat["entities"]!.AsArray().Single(e => S(e!["type"]) == "mention")!;
        Assert.Equal("28:" + AppId, S(mention["mentioned"]!["id"]));

        Assert.Equal("channel", S(post["conversation"]!["conversationType"]));
        Assert.Equal($"{channelId};messageid={S(post["id"])}", S(post["conversation"]!["id"]));
        Assert.Equal(teamId, S(post["channelData"]!["team"]!["id"]));
        Assert.Equal(channelId, S(post["channelData"]!["channel"]!["id"]));
    }

    [Fact]
    public void Install_events_add_the_bot_to_the_conversation()
    {
        var ada = TestUser.Create("Ada");

        var personal = _activities.BotAddedToPersonal(ada);
        var team = _activities.BotAddedToTeam("19:team@thread.tacv2", "19:team@thread.tacv2", ada);
        var chat = _activities.BotAddedToGroupChat("19:chat@thread.v2", ada);
        var install = _activities.InstallationUpdate(team, ada);

        Assert.All([personal, team, chat], a =>
        {
            Assert.Equal("conversationUpdate", S(a["type"]));
            Assert.Equal("28:" + AppId, S(a["membersAdded"]![0]!["id"]));
        });
        Assert.Equal("teamMemberAdded", S(team["channelData"]!["eventType"]));
        Assert.Equal("installationUpdate", S(install["type"]));
        Assert.Equal("add", S(install["action"]));
        Assert.Equal(S(team["conversation"]!["id"]), S(install["conversation"]!["id"]));
        Assert.Null(install["channelData"]!["eventType"]);
    }

    [Fact]
    public async Task Card_presses_on_a_card_the_bot_sent_reply_to_that_message_in_its_conversation()
    {
        var ada = TestUser.Create("Ada");
        var teamId = ConversationIds.NewChannel();
        _activities.BotAddedToTeam(teamId, teamId, ada);
        var bot = new ConnectorCalls(_http, _channel.ServiceUrl);
        var created = await ConnectorCalls.ReadAsync(await bot.CreateAsync(new JsonObject
        {
            ["isGroup"] = true,
            ["tenantId"] = Tenant,
            ["channelData"] = new JsonObject { ["channel"] = new JsonObject { ["id"] = teamId } },
            ["activity"] = new JsonObject { ["type"] = "message", ["text"] = "card" },
        }));
        var card = await _channel.WaitForActivityAsync(c => c.Text == "card");
        var data = new JsonObject { ["pairId"] = "p1" };

        var invoke = _activities.CardInvoke(card, ada, "accept", data);
        var submit = _activities.CardSubmit(card, ada, data);

        Assert.Equal("invoke", S(invoke["type"]));
        Assert.Equal("adaptiveCard/action", S(invoke["name"]));
        Assert.Equal("Action.Execute", S(invoke["value"]!["action"]!["type"]));
        Assert.Equal("accept", S(invoke["value"]!["action"]!["verb"]));
        Assert.Equal("p1", S(invoke["value"]!["action"]!["data"]!["pairId"]));
        Assert.Equal("manual", S(invoke["value"]!["trigger"]));
        Assert.Equal(S(created["activityId"]), S(invoke["replyToId"]));
        Assert.Equal(S(created["id"]), S(invoke["conversation"]!["id"]));
        Assert.Equal(teamId, S(invoke["channelData"]!["team"]!["id"]));

        Assert.Equal("message", S(submit["type"]));
        Assert.Equal("", S(submit["text"]));
        Assert.Equal("p1", S(submit["value"]!["pairId"]));
        Assert.Equal(S(created["activityId"]), S(submit["replyToId"]));
    }

    [Fact]
    public void Unknown_types_are_delivered_as_given()
    {
        var reaction = _activities.Unknown("messageReaction");

        Assert.Equal("messageReaction", S(reaction["type"]));
        Assert.Equal("personal", S(reaction["conversation"]!["conversationType"]));
    }

    [Fact]
    public async Task PostActivity_sends_json_with_a_bearer_token_to_the_bot_endpoint()
    {
        var capture = new CapturingHandler();
        using var client = new HttpClient(capture) { BaseAddress = new Uri("http://bot.test") };
        var activity = _activities.PersonalMessage(TestUser.Create("Ada"), "hi");

        using var response = await client.PostActivityAsync(activity, _activities.CreateToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://bot.test/api/messages", capture.Uri);
        Assert.Equal("Bearer", capture.Scheme);
        Assert.Equal(3, capture.Token!.Split('.').Length);
        Assert.StartsWith("application/json", capture.ContentType, StringComparison.Ordinal);
        Assert.Equal("hi", S(JsonNode.Parse(capture.Body!)!["text"]));
    }

    private static string? S(JsonNode? node) => node?.GetValue<string>();

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Uri { get; private set; }
        public string? Scheme { get; private set; }
        public string? Token { get; private set; }
        public string? ContentType { get; private set; }
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uri = request.RequestUri!.ToString();
            Scheme = request.Headers.Authorization?.Scheme;
            Token = request.Headers.Authorization?.Parameter;
            ContentType = request.Content!.Headers.ContentType!.ToString();
            Body = await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
