using System.Text.Json.Nodes;
using MentorBot.Features.MentorCohorts;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.MentorCohorts;

public sealed class BaselineTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public BaselineTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Each_party_gets_the_baseline_once_when_the_pair_starts_and_only_they_can_answer_it()
    {
        await using var bot = await BotScenario.StartAsync(_azurite, services => services.AddMentorCohorts(),
            new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        foreach (var user in new[] { _mia, _max })
        {
            bot.Graph.AddUser(GraphUser.From(user));
            bot.Channel.AddMember(user, BotScenario.TenantId);
        }

        var channel = ConversationIds.NewChannel();
        using (await bot.SendAsync(bot.Activities.ChannelMessage(channel, channel, _coordinator, "setup Graduate mentoring")))
        {
        }

        var program = (await bot.Host.Services.GetRequiredService<ProgramStore>().GetAsync(BotScenario.TenantId, "graduate-mentoring", default))!.Value.Program;
        var today = DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime);
        await bot.Host.Services.GetRequiredService<PairRegistration>()
            .RegisterAsync(new RegistrationRequest(program, _mia.Upn, _max.Upn, null, today, null, null, _coordinator.AadObjectId), default);
        await bot.RunJobsAsync();
        await bot.RunJobsAsync(bot.StartAnotherInstance());

        var card = Assert.Single(Baselines(bot, _max));
        Assert.Single(Baselines(bot, _mia));

        var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        data["belonging"] = "2";
        data["confidence"] = "3";
        using (await bot.SendAsync(bot.Activities.CardInvoke(card, _mia, BaselineCard.AnswerVerb, data)))
        {
        }

        using (await bot.SendAsync(bot.Activities.CardInvoke(card, _max, BaselineCard.AnswerVerb, data)))
        {
        }

        var stored = Assert.Single(await bot.Host.Services.GetRequiredService<BaselineStore>().InProgramAsync(program.TenantId, program.ProgramId, default));
        Assert.Equal(("mentee", 2, 3), (stored.Role, stored.SenseOfBelonging, stored.FocusConfidence));
    }

    private static List<RecordedConnectorCall> Baselines(BotScenario bot, TestUser user) =>
        bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId)).Where(a => a.AllText.Contains("two quick questions", StringComparison.Ordinal)).ToList();
}
