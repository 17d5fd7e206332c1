using MentorBot.Features.Escalations;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Setup_names_the_channel_members_who_are_not_coordinators_and_says_what_they_see()
    {
        await using var bot = await StartAsync();
        bot.AddPeople(_bootstrapCoordinator, _mentor);
        var channel = ConversationIds.NewChannel();
        bot.Channel.SetConversationMembers(channel, _bootstrapCoordinator, _mentor);

        var reply = await SayInChannelAsync(bot, channel, _bootstrapCoordinator, "setup Sales mentoring");

        Assert.Contains("Also in this channel, and not coordinators of \"Sales mentoring\": Mia Mentor.", reply.AllText, StringComparison.Ordinal);
        Assert.Contains("not what mentors and mentees wrote privately", reply.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_recorded_without_a_teams_id_gets_the_alerts_own_view_once_the_channel_names_them()
    {
        await using var bot = await StartAsync();
        bot.AddPeople(_bootstrapCoordinator, _mentor);
        var (channel, program) = await bot.SetUpProgramAsync(_bootstrapCoordinator, "Sales mentoring");
        // As programs set up before Teams ids were kept: the coordinator's Entra id only.
        var store = bot.Host.Services.GetRequiredService<ProgramStore>();
        var stored = (await store.GetAsync(program.TenantId, program.ProgramId, default))!.Value;
        await store.SaveAsync(stored.Program with { Coordinators = [new ProgramCoordinator(_bootstrapCoordinator.AadObjectId, null, "Cora Coordinator")] }, stored.ETag, default);
        bot.Channel.SetConversationMembers(channel, _bootstrapCoordinator, _mentor);
        var old = (await store.GetAsync(program.TenantId, program.ProgramId, default))!.Value.Program;
        int MemberReads() => bot.Channel.Calls.Count(c => c.Operation is ConnectorOperation.GetMembers or ConnectorOperation.GetMember && c.ConversationId == channel);
        var readsBefore = MemberReads();

        await bot.Host.Services.GetRequiredService<EscalationAlerts>().RaiseAsync(old, new AlertRequest("test", "test/1", "Something to look at")
        {
            Details = "kept private: canary-old-coordinator-7d1",
        }, default);

        var card = bot.Channel.ActivitiesSentTo(channel).Last(c => c.AdaptiveCards.Count > 0).AdaptiveCards[0];
        Assert.Equal([_bootstrapCoordinator.TeamsId], card["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        var completed = (await store.GetAsync(program.TenantId, program.ProgramId, default))!.Value.Program;
        Assert.Equal(_bootstrapCoordinator.TeamsId, Assert.Single(completed.Coordinators).TeamsId);

        // A later step still holding the old copy (as a rematch thread does after its alert) finds the ids in storage.
        var again = await bot.Host.Services.GetRequiredService<CoordinatorsChannelMembers>().WithTeamsIdsAsync(old, default);
        Assert.Equal(_bootstrapCoordinator.TeamsId, Assert.Single(again.Coordinators).TeamsId);
        Assert.Equal(readsBefore + 1, MemberReads());
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

        Assert.Contains("Only program administrators", reply.AllText, StringComparison.Ordinal);
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
    public async Task Setup_of_an_existing_program_elsewhere_moves_it_only_when_one_of_its_coordinators_confirms()
    {
        await using var bot = await StartAsync();
        var first = ConversationIds.NewChannel();
        await SayInChannelAsync(bot, first, _bootstrapCoordinator, "setup Sales mentoring");
        var second = ConversationIds.NewChannel();

        // Another program administrator, who does not coordinate "Sales mentoring", tries to take it over.
        var reply = await SayInChannelAsync(bot, second, _groupCoordinator, "setup Sales mentoring");

        Assert.Contains("already set up", reply.AllText, StringComparison.Ordinal);
        Assert.Equal(first, Assert.Single(await bot.EntitiesAsync("Programs")).GetString("ChannelId"));

        var byAdministrator = await PressMoveAsync(bot, reply, _groupCoordinator);
        Assert.Contains("Only program coordinators of \"Sales mentoring\"", byAdministrator, StringComparison.Ordinal);
        Assert.Equal(first, Assert.Single(await bot.EntitiesAsync("Programs")).GetString("ChannelId"));

        var byCoordinator = await PressMoveAsync(bot, reply, _bootstrapCoordinator);
        Assert.Contains("now come to this channel", byCoordinator, StringComparison.Ordinal);
        Assert.Equal(second, Assert.Single(await bot.EntitiesAsync("Programs")).GetString("ChannelId"));
    }

    [Fact]
    public async Task Setup_never_takes_a_channel_that_already_belongs_to_another_program()
    {
        await using var bot = await StartAsync();
        var channel = ConversationIds.NewChannel();
        await SayInChannelAsync(bot, channel, _bootstrapCoordinator, "setup Sales mentoring");

        var reply = await SayInChannelAsync(bot, channel, _groupCoordinator, "setup Engineering mentoring");

        Assert.Contains("already belongs to \"Sales mentoring\"", reply.AllText, StringComparison.Ordinal);
        Assert.Equal("sales-mentoring", Assert.Single(await bot.EntitiesAsync("Programs")).RowKey);
    }

    [Fact]
    public async Task Programs_named_in_other_scripts_get_ids_of_their_own()
    {
        await using var bot = await StartAsync();
        await SayInChannelAsync(bot, ConversationIds.NewChannel(), _bootstrapCoordinator, "setup Программа наставничества");

        var second = await SayInChannelAsync(bot, ConversationIds.NewChannel(), _bootstrapCoordinator, "setup 女性エンジニア");

        Assert.Contains("Program set up", second.AllText, StringComparison.Ordinal);
        var ids = (await bot.EntitiesAsync("Programs")).Select(p => p.RowKey).ToList();
        Assert.Equal(2, ids.Distinct().Count());
    }

    private static async Task<string> PressMoveAsync(BotScenario bot, RecordedConnectorCall card, TestUser who)
    {
        var data = new System.Text.Json.Nodes.JsonObject { ["program"] = "sales-mentoring" };
        using var response = await bot.SendAsync(bot.Activities.CardInvoke(card, who, MentorBot.Features.Programs.MoveProgramCard.MoveVerb, data));
        response.EnsureSuccessStatusCode();
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["value"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : body.ToJsonString();
    }
}
