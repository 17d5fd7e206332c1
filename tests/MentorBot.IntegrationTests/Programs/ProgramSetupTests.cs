using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Programs;

public sealed class ProgramSetupTests : IClassFixture<AzuriteFixture>
{
    private const string CoordinatorsGroup = "5a1d3c2b-9e8f-4a7b-8c6d-0e1f2a3b4c5d";

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _bootstrapCoordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _groupCoordinator = TestUser.Create("Gus Groupmember");
    private readonly TestUser _mentor = TestUser.Create("Mia Mentor");

    public ProgramSetupTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private async Task<BotScenario> StartAsync()
    {
        var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string>
        {
            ["Coordinators:UserIds"] = _bootstrapCoordinator.AadObjectId,
            ["Coordinators:GroupIds"] = CoordinatorsGroup,
        });
        foreach (var user in new[] { _bootstrapCoordinator, _groupCoordinator, _mentor })
        {
            bot.Graph.AddUser(GraphUser.From(user));
        }

        bot.Graph.AddGroupMember(CoordinatorsGroup, _groupCoordinator.AadObjectId);
        return bot;
    }

    private static async Task<RecordedConnectorCall> SayInChannelAsync(BotScenario bot, string channelId, TestUser user, string text)
    {
        var message = bot.Activities.ChannelMessage(channelId, channelId, user, text);
        using (var response = await bot.SendAsync(message))
        {
            response.EnsureSuccessStatusCode();
        }

        return bot.Channel.ActivitiesSentTo(message["conversation"]!["id"]!.GetValue<string>())[^1];
    }

    [Fact]
    public async Task A_bootstrap_coordinator_sets_up_a_program_in_a_channel()
    {
        await using var bot = await StartAsync();
        var channel = ConversationIds.NewChannel();

        var reply = await SayInChannelAsync(bot, channel, _bootstrapCoordinator, "setup Women in Engineering 2027");

        Assert.Contains("Program set up", reply.AllText, StringComparison.Ordinal);
        var program = Assert.Single(await bot.EntitiesAsync("Programs"));
        Assert.Equal("women-in-engineering-2027", program.RowKey);
        Assert.Equal(BotScenario.TenantId, program.PartitionKey);
        Assert.Equal(channel, program.GetString("ChannelId"));
    }

    [Fact]
    public async Task A_member_of_the_coordinators_group_is_a_coordinator_through_graph()
    {
        await using var bot = await StartAsync();

        var reply = await SayInChannelAsync(bot, ConversationIds.NewChannel(), _groupCoordinator, "setup Sales mentoring");

        Assert.Contains("Program set up", reply.AllText, StringComparison.Ordinal);
        Assert.Contains(bot.Graph.Requests, r => r.Path.Contains("checkMemberGroups", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_who_is_not_a_coordinator_is_refused_and_nothing_is_stored()
    {
        await using var bot = await StartAsync();

        var reply = await SayInChannelAsync(bot, ConversationIds.NewChannel(), _mentor, "setup My own program");

        Assert.Contains("Only program coordinators", reply.AllText, StringComparison.Ordinal);
        Assert.Empty(await bot.EntitiesAsync("Programs"));
    }

    [Fact]
    public async Task When_graph_fails_the_coordinator_is_told_so_and_nothing_is_stored()
    {
        await using var bot = await StartAsync();
        bot.Graph.FailNext(20, 503, TimeSpan.Zero);

        var reply = await SayInChannelAsync(bot, ConversationIds.NewChannel(), _groupCoordinator, "setup Sales mentoring");

        Assert.Contains("couldn't confirm", reply.AllText, StringComparison.Ordinal);
        Assert.Empty(await bot.EntitiesAsync("Programs"));
    }

    [Fact]
    public async Task Setup_is_refused_outside_a_channel()
    {
        await using var bot = await StartAsync();
        var message = bot.Activities.PersonalMessage(_bootstrapCoordinator, "setup Anything");

        using (await bot.SendAsync(message))
        {
        }

        Assert.Contains("can't be used here", bot.Channel.ActivitiesSentTo(message["conversation"]!["id"]!.GetValue<string>())[^1].AllText, StringComparison.Ordinal);
        Assert.Empty(await bot.EntitiesAsync("Programs"));
    }

    [Fact]
    public async Task A_coordinator_changes_a_setting_and_bad_values_change_nothing()
    {
        await using var bot = await StartAsync();
        var channel = ConversationIds.NewChannel();
        await SayInChannelAsync(bot, channel, _bootstrapCoordinator, "setup Sales mentoring");

        var changed = await SayInChannelAsync(bot, channel, _bootstrapCoordinator, "settings MentorCapacity 5");
        var refused = await SayInChannelAsync(bot, channel, _bootstrapCoordinator, "settings MentorCapacity lots");
        var byMentor = await SayInChannelAsync(bot, channel, _mentor, "settings MentorCapacity 50");

        Assert.Contains("Setting changed", changed.AllText, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", refused.AllText, StringComparison.Ordinal);
        Assert.Contains("Only program coordinators", byMentor.AllText, StringComparison.Ordinal);
        var stored = Assert.Single(await bot.EntitiesAsync("Programs"));
        Assert.Contains("\"MentorCapacity\":5", stored.GetString("Settings"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setting_up_the_same_program_in_another_channel_moves_its_alerts_there()
    {
        await using var bot = await StartAsync();
        await SayInChannelAsync(bot, ConversationIds.NewChannel(), _bootstrapCoordinator, "setup Sales mentoring");
        var second = ConversationIds.NewChannel();

        var reply = await SayInChannelAsync(bot, second, _bootstrapCoordinator, "setup Sales mentoring");

        Assert.Contains("now come to this channel", reply.AllText, StringComparison.Ordinal);
        Assert.Equal(second, Assert.Single(await bot.EntitiesAsync("Programs")).GetString("ChannelId"));
    }
}
