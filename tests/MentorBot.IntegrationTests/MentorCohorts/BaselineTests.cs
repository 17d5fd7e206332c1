using System.Text.Json.Nodes;
using MentorBot.Features.MentorCohorts;
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
        bot.AddPeople(_mia, _max);
        var (_, program) = await bot.SetUpProgramAsync(_coordinator, "Graduate mentoring");
        var today = DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime);
        await bot.RegisterPairAsync(program, _coordinator, _mia, _max, start: today);
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
