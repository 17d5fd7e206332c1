using System.Net;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Foundation;

public sealed class HelpAndWelcomeTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public HelpAndWelcomeTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static string ConversationOf(System.Text.Json.Nodes.JsonObject activity) => activity["conversation"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task Help_in_a_personal_chat_answers_with_a_card_of_commands()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var message = bot.Activities.PersonalMessage(TestUser.Create("Ada"), "help");

        using var response = await bot.SendAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(bot.Channel.ActivitiesSentTo(ConversationOf(message)));
        var card = Assert.Single(reply.AdaptiveCards);
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Contains("What I can do", reply.AllText, StringComparison.Ordinal);
        Assert.Contains("help", reply.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_in_a_channel_is_answered_in_the_thread_when_the_bot_is_mentioned()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var message = bot.Activities.ChannelMessage(ConversationIds.NewChannel(), ConversationIds.NewChannel(), TestUser.Create("Cora"), "help");

        using var response = await bot.SendAsync(message);

        var reply = Assert.Single(bot.Channel.ActivitiesSentTo(ConversationOf(message)));
        Assert.Contains("mention me", reply.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_personal_chat_welcomes_once_even_though_teams_sends_two_events()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var ada = TestUser.Create("Ada");
        var added = bot.Activities.BotAddedToPersonal(ada);

        using (await bot.SendAsync(added))
        using (await bot.SendAsync(bot.Activities.InstallationUpdate(added, ada)))
        {
        }

        var welcome = Assert.Single(bot.Channel.ActivitiesSentTo(ConversationOf(added)));
        Assert.Contains("Hello, Ada!", welcome.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_team_welcomes_in_the_channel_and_explains_setup()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var teamId = ConversationIds.NewChannel();
        var added = bot.Activities.BotAddedToTeam(teamId, teamId, TestUser.Create("Cora"));

        using (await bot.SendAsync(added))
        {
        }

        var welcome = Assert.Single(bot.Channel.ActivitiesSentTo(ConversationOf(added)));
        Assert.Contains("setup", welcome.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_group_chat_welcomes_the_chat()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var added = bot.Activities.BotAddedToGroupChat(ConversationIds.NewGroupChat(), TestUser.Create("Ada"));

        using (await bot.SendAsync(added))
        {
        }

        var welcome = Assert.Single(bot.Channel.ActivitiesSentTo(ConversationOf(added)));
        Assert.Contains("pair chat", welcome.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_welcome_cards_show_commands_button_answers_with_help()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var ada = TestUser.Create("Ada");
        var added = bot.Activities.BotAddedToPersonal(ada);
        using (await bot.SendAsync(added))
        {
        }

        var welcome = Assert.Single(bot.Channel.ActivitiesSentTo(ConversationOf(added)));
        using var response = await bot.SendAsync(bot.Activities.CardInvoke(welcome, ada, "help.show", []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, bot.Channel.ActivitiesSentTo(ConversationOf(added)).Count);
        Assert.Contains("What I can do", bot.Channel.ActivitiesSentTo(ConversationOf(added))[^1].AllText, StringComparison.Ordinal);
    }
}
