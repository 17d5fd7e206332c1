using System.Net;
using System.Text.Json.Nodes;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Trust;

/// <summary>
/// Each attack written as someone outside would send it, against the real host: it is refused and nothing changes.
/// </summary>
public sealed class HostileRequestTests : IClassFixture<AzuriteFixture>
{
    private const string OtherAppOfTheTenant = "0c0c0c0c-1111-4222-8333-444444444444";
    private const string AllowedCaller = "5a8b1c2d-0000-4000-8000-00000000ca11";

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coraA = TestUser.Create("Cora Coordinator");
    private readonly TestUser _bobB = TestUser.Create("Bob Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");
    private readonly TestUser _eve = TestUser.Create("Eve Elsewhere");

    public HostileRequestTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private Task<BotScenario> StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string> { ["Coordinators:UserIds"] = $"{_coraA.AadObjectId},{_bobB.AadObjectId}" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return BotScenario.StartAsync(_azurite, settings: settings);
    }

    private static async Task<int> RowsAsync(BotScenario bot, params string[] tables)
    {
        var count = 0;
        foreach (var table in tables)
        {
            count += (await bot.EntitiesAsync(table)).Count;
        }

        return count;
    }

    // Entra issues an app-only token for the bot's audience to any app of the tenant (client credentials flow,
    // "Controlling tokens without the roles claim"); it names that app in azp/appid and carries no serviceurl.
    private static string OwnTenantEntraToken(BotScenario bot, string caller) => bot.Channel.CreateToken(new ChannelTokenOptions
    {
        Audience = BotScenario.AppId,
        Key = ChannelKey.Entra,
        TenantId = BotScenario.TenantId,
        AppId = caller,
        ServiceUrl = null,
    });

    [Fact]
    public async Task A_token_Entra_issued_to_another_app_of_the_tenant_is_refused_and_nothing_is_stored()
    {
        await using var bot = await StartAsync();
        var forged = bot.Activities.CardInvoke(bot.Activities.PersonalMessage(_coraA, "x"), _coraA, AlertCard.AcknowledgeVerb,
            new JsonObject { ["program"] = "sales-mentoring", ["alert"] = "any" });

        using var response = await bot.SendAsync(forged, OwnTenantEntraToken(bot, OtherAppOfTheTenant));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await RowsAsync(bot, "InboundActivities", "ConversationReferences"));
        Assert.Empty(bot.Channel.Calls);
    }

    [Fact]
    public async Task An_entra_token_of_the_tenant_counts_only_for_a_caller_on_the_allow_list()
    {
        await using var bot = await StartAsync(new Dictionary<string, string> { ["AllowedCallers"] = AllowedCaller });

        using var allowed = await bot.SendAsync(bot.Activities.PersonalMessage(_eve, "help"), OwnTenantEntraToken(bot, AllowedCaller));
        using var other = await bot.SendAsync(bot.Activities.PersonalMessage(_eve, "help"), OwnTenantEntraToken(bot, OtherAppOfTheTenant));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task An_activity_without_a_service_url_is_refused_whatever_token_it_carries()
    {
        await using var bot = await StartAsync();
        // A token of the Bot Service's own tenant, which names no serviceurl (protocol.md A2): accepted for real activities.
        var botServiceToken = bot.Channel.CreateToken(new ChannelTokenOptions
        {
            Audience = BotScenario.AppId,
            Key = ChannelKey.Entra,
            TenantId = "d6d49420-f39b-4df7-a1dc-d59a935871db",
            ServiceUrl = null,
        });
        var withoutServiceUrl = bot.Activities.PersonalMessage(_coraA, "help");
        withoutServiceUrl.Remove("serviceUrl");
        var genuine = bot.Activities.PersonalMessage(_coraA, "help");
        var alsoWithout = bot.Activities.PersonalMessage(_coraA, "help");
        alsoWithout.Remove("serviceUrl");

        using var refused = await bot.SendAsync(withoutServiceUrl, botServiceToken);
        using var refusedWithChannelToken = await bot.SendAsync(alsoWithout);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedWithChannelToken.StatusCode);
        Assert.Equal(0, await RowsAsync(bot, "InboundActivities", "ConversationReferences"));

        using var accepted = await bot.SendAsync(genuine, botServiceToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task An_activity_naming_a_service_url_that_is_not_a_Teams_host_gets_no_outbound_call()
    {
        await using var bot = await StartAsync();
        const string elsewhere = "https://collector.attacker.example/teams/";
        var activity = bot.Activities.PersonalMessage(_coraA, "help");
        activity["serviceUrl"] = elsewhere;
        var token = bot.Channel.CreateToken(new ChannelTokenOptions { Audience = BotScenario.AppId, ServiceUrl = elsewhere });

        using var response = await bot.SendAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Channel.Calls);
        Assert.Equal(0, await RowsAsync(bot, "InboundActivities", "ConversationReferences"));
    }

    [Fact]
    public async Task Activities_of_another_channel_than_Teams_are_refused()
    {
        await using var bot = await StartAsync();
        var activity = bot.Activities.PersonalMessage(_coraA, "help");
        activity["channelId"] = "webchat";

        using var response = await bot.SendAsync(activity);

        // The Teams signing key is not endorsed for another channel (401); with a key that were, the channel is not served (403).
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, response.StatusCode.ToString());
        Assert.Empty(bot.Channel.Calls);
        Assert.Equal(0, await RowsAsync(bot, "InboundActivities", "ConversationReferences"));
    }

    [Fact]
    public async Task A_coordinator_of_program_A_cannot_act_on_program_Bs_alert()
    {
        await using var bot = await StartAsync();
        bot.AddPeople(_coraA, _bobB);
        var (channelA, _) = await bot.SetUpProgramAsync(_coraA, "Sales mentoring");
        var (channelB, programB) = await bot.SetUpProgramAsync(_bobB, "Engineering mentoring");
        var request = new AlertRequest("checkin-not-working", "checkin/pair-b/m1/not-working", "A check-in said the meetings are not working")
        {
            PairId = "pair-b",
            PairDescription = "Someone and someone else",
            Details = "Mentee: \"We keep cancelling.\"",
        };
        await bot.Host.Services.GetRequiredService<EscalationAlerts>().RaiseAsync(programB, request, default);
        var card = bot.Channel.Calls.Last(c => c.Succeeded && c.AdaptiveCards.Count > 0);
        var alertId = EscalationAlerts.IdFor(request.CauseKey);

        // Program B's id in the card data, and program A's id (the one Cora coordinates) with B's alert.
        var namingB = await PressAsync(bot, card, _coraA, new JsonObject { ["program"] = programB.ProgramId, ["alert"] = alertId });
        var namingA = await PressAsync(bot, card, _coraA, new JsonObject { ["program"] = "sales-mentoring", ["alert"] = alertId });
        var alerts = bot.Activities.ChannelMessage(channelB, channelB, _coraA, "alerts");
        using (await bot.SendAsync(alerts))
        {
        }

        Assert.Contains("Only program coordinators of \"Engineering mentoring\"", namingB, StringComparison.Ordinal);
        Assert.Contains("can't find that alert", namingA, StringComparison.Ordinal);
        Assert.Contains("Only program coordinators", bot.Channel.ActivitiesSentTo(alerts["conversation"]!["id"]!.GetValue<string>())[^1].AllText,
            StringComparison.Ordinal);
        var stored = System.Text.Json.JsonSerializer.Deserialize<EscalationAlert>(Assert.Single(await bot.EntitiesAsync("Alerts")).GetString("Alert"))!;
        Assert.Equal(AlertState.Open, stored.State);
        Assert.NotEqual(channelA, channelB);
    }

    [Fact]
    public async Task A_channel_member_who_is_not_a_coordinator_sees_an_alert_without_its_private_words()
    {
        await using var bot = await StartAsync();
        bot.AddPeople(_coraA, _eve);
        var (_, program) = await bot.SetUpProgramAsync(_coraA, "Sales mentoring");
        const string secret = "canary-private-note-41c2";
        var request = new AlertRequest("checkin-help", "checkin/pair-1/m1/help", "A check-in asked for the coordinator's help")
        {
            PairId = "pair-1",
            Details = $"Mentee (kept private): \"{secret}\"",
        };
        await bot.Host.Services.GetRequiredService<EscalationAlerts>().RaiseAsync(program, request, default);
        var posted = bot.Channel.Calls.Last(c => c.Succeeded && c.AdaptiveCards.Count > 0);
        var card = posted.AdaptiveCards[0];

        // What the channel shows everyone has no private words; the coordinators' clients ask for their own view.
        Assert.DoesNotContain(secret, posted.BodyText, StringComparison.Ordinal);
        Assert.Contains(_coraA.TeamsId, card["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        var refresh = (JsonObject)card["refresh"]!["action"]!["data"]!.DeepClone();
        var verb = card["refresh"]!["action"]!["verb"]!.GetValue<string>();

        using var forCoordinator = await bot.SendAsync(bot.Activities.CardInvoke(posted, _coraA, verb, refresh, trigger: "automatic"));
        using var forMember = await bot.SendAsync(bot.Activities.CardInvoke(posted, _eve, verb, (JsonObject)refresh.DeepClone(), trigger: "manual"));

        Assert.Contains(secret, await InvokeAnswerAsync(forCoordinator), StringComparison.Ordinal);
        var memberSees = await InvokeAnswerAsync(forMember);
        Assert.DoesNotContain(secret, memberSees, StringComparison.Ordinal);
        Assert.Contains("Only program coordinators", memberSees, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_chat_with_a_third_person_never_becomes_the_pair_chat()
    {
        await using var bot = await StartAsync();
        var (pair, _) = await PairAsync(bot);
        var chat = ConversationIds.NewGroupChat();
        bot.Channel.SetConversationMembers(chat, _mia, _max, _eve);

        using (await bot.SendAsync(bot.Activities.BotAddedToGroupChat(chat, _mia)))
        {
        }

        Assert.Null((await StoredAsync(bot, pair)).PairChatConversationId);
        Assert.Contains("won't post your pair's shared cards here", bot.Channel.ActivitiesSentTo(chat)[^1].AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_someone_else_joins_the_pair_chat_it_stops_being_the_pair_chat_and_both_are_told()
    {
        await using var bot = await StartAsync();
        var (pair, _) = await PairAsync(bot);
        var chat = ConversationIds.NewGroupChat();
        bot.Channel.SetConversationMembers(chat, _mia, _max);
        using (await bot.SendAsync(bot.Activities.BotAddedToGroupChat(chat, _mia)))
        {
        }

        Assert.Equal(chat, (await StoredAsync(bot, pair)).PairChatConversationId);

        bot.Channel.SetConversationMembers(chat, _mia, _max, _eve);
        using (await bot.SendAsync(bot.Activities.MembersAddedToGroupChat(chat, _max, _eve)))
        {
        }

        Assert.Null((await StoredAsync(bot, pair)).PairChatConversationId);
        foreach (var party in new[] { _mia, _max })
        {
            Assert.Contains(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(party.TeamsId)),
                c => c.AllText.Contains("no longer your pair chat", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_check_in_answer_for_a_meeting_the_bot_never_found_is_refused_and_raises_nothing()
    {
        await using var bot = await StartAsync();
        var (pair, program) = await PairAsync(bot);
        await bot.RecordMeetingAsync(pair, "meeting-1");
        await bot.Host.Services.GetRequiredService<CheckInSender>().SendAsync(pair, program, "meeting-1", bot.Clock.GetUtcNow(), default);
        var card = bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)).Last(c => c.AllText.Contains("Quick check-in", StringComparison.Ordinal));
        var alertsBefore = await RowsAsync(bot, "Alerts");

        var answers = new List<string>();
        foreach (var fake in new[] { "meeting-invented", "meeting-2", new string('m', 300) })
        {
            var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
            data["meeting"] = fake;
            data["structure"] = "not";
            data["needs"] = "not";
            data["differently"] = "not";
            data["help"] = "true";
            using var response = await bot.SendAsync(bot.Activities.CardInvoke(card, _max, CheckInCard.AnswerVerb, data));
            answers.Add(await InvokeAnswerAsync(response));
        }

        Assert.All(answers, a => Assert.Contains("I don't know that meeting", a, StringComparison.Ordinal));
        Assert.Empty(await bot.EntitiesAsync("CheckIns"));
        Assert.Equal(alertsBefore, await RowsAsync(bot, "Alerts"));
    }

    [Fact]
    public async Task A_person_asking_for_their_data_again_and_again_is_asked_to_wait()
    {
        await using var bot = await StartAsync();
        bot.AddPeople(_eve);
        var replies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var message = bot.Activities.PersonalMessage(_eve, "my data");
            using (await bot.SendAsync(message))
            {
            }

            replies.Add(bot.Channel.ActivitiesSentTo(message["conversation"]!["id"]!.GetValue<string>())[^1].AllText);
        }

        Assert.All(replies.Take(3), r => Assert.DoesNotContain("please wait", r, StringComparison.Ordinal));
        Assert.Contains("please wait", replies[3], StringComparison.Ordinal);
    }

    private async Task<(Pair Pair, MentorshipProgram Program)> PairAsync(BotScenario bot)
    {
        bot.AddPeople(_coraA, _mia, _max, _eve);
        var (_, program) = await bot.SetUpProgramAsync(_coraA, "Sales mentoring");
        return (await bot.RegisterPairAsync(program, _coraA, _mia, _max, start: new DateOnly(2027, 1, 4)), program);
    }

    private static async Task<Pair> StoredAsync(BotScenario bot, Pair pair) =>
        (await bot.Host.Services.GetRequiredService<PairStore>().GetAsync(pair.TenantId, pair.ProgramId, pair.PairId, default))!.Value.Pair;

    private static async Task<string> PressAsync(BotScenario bot, RecordedConnectorCall card, TestUser who, JsonObject data)
    {
        using var response = await bot.SendAsync(bot.Activities.CardInvoke(card, who, AlertCard.AcknowledgeVerb, data));
        response.EnsureSuccessStatusCode();
        return await InvokeAnswerAsync(response);
    }

    /// <summary>The invoke response's message, or its whole body (a card) as text.</summary>
    private static async Task<string> InvokeAnswerAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["value"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : body.ToJsonString();
    }
}
