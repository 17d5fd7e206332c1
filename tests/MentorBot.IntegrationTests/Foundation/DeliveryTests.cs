using System.Net;
using System.Text.Json;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Foundation;

public sealed class DeliveryTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public DeliveryTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task A_redelivered_message_is_processed_once()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var message = bot.Activities.PersonalMessage(TestUser.Create("Ada"), "help");

        using (var first = await bot.SendAsync(message))
        using (var second = await bot.SendAsync(message))
        using (var third = await bot.SendAsync(message))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        }

        Assert.Single(bot.Channel.ActivitiesSentTo(message["conversation"]!["id"]!.GetValue<string>()));
        Assert.Single(await bot.EntitiesAsync("InboundActivities"));
    }

    [Fact]
    public async Task A_redelivery_to_another_instance_is_also_processed_once()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var other = bot.StartAnotherInstance();
        var message = bot.Activities.PersonalMessage(TestUser.Create("Ada"), "help");

        var both = await Task.WhenAll(bot.SendAsync(message), bot.SendAsync(message, host: other));
        foreach (var response in both)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        Assert.Single(bot.Channel.ActivitiesSentTo(message["conversation"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_card_verb_gets_200_with_an_invoke_response_body_never_a_500()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var ada = TestUser.Create("Ada");
        var invoke = bot.Activities.CardInvoke(bot.Activities.PersonalMessage(ada, "x"), ada, "no.such.verb", []);

        using var response = await bot.SendAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.activity.message", body.RootElement.GetProperty("type").GetString());
        Assert.Contains("don't recognise", body.RootElement.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoke_the_bot_does_not_handle_gets_200_with_an_error_body()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var ada = TestUser.Create("Ada");
        var invoke = bot.Activities.CardInvoke(bot.Activities.PersonalMessage(ada, "x"), ada, "x", []);
        invoke["name"] = "composeExtension/query";

        using var response = await bot.SendAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.microsoft.error", body.RootElement.GetProperty("type").GetString());
        Assert.True(body.RootElement.GetProperty("value").TryGetProperty("message", out _));
    }

    [Fact]
    public async Task Activity_types_the_bot_does_not_use_are_acknowledged_and_ignored()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);

        using var response = await bot.SendAsync(bot.Activities.Unknown("messageReaction", TestUser.Create("Ada")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(bot.Channel.Calls, c => c.Method != "GET");
    }

    [Fact]
    public async Task An_unknown_command_gets_a_pointer_to_help()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var message = bot.Activities.PersonalMessage(TestUser.Create("Ada"), "make me a sandwich");

        using (await bot.SendAsync(message))
        {
        }

        var reply = Assert.Single(bot.Channel.ActivitiesSentTo(message["conversation"]!["id"]!.GetValue<string>()));
        Assert.Contains("help", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_people_the_bot_meets_are_remembered_for_proactive_messages()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var ada = TestUser.Create("Ada");

        using (await bot.SendAsync(bot.Activities.PersonalMessage(ada, "help")))
        {
        }

        var stored = Assert.Single(await bot.EntitiesAsync("ConversationReferences"));
        Assert.Equal(ada.AadObjectId, stored.RowKey);
        Assert.Equal(bot.Channel.ServiceUrl, stored.GetString("ServiceUrl"));
        Assert.Equal(ada.TeamsId, stored.GetString("TeamsUserId"));
        Assert.Equal(BotScenario.TenantId, stored.GetString("TenantId"));
        Assert.False(string.IsNullOrEmpty(stored.GetString("PersonalConversationId")));
    }
}
