using System.Text.Json.Nodes;
using MentorBot.Features.CheckIns;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.PairHealth;

public sealed class PairsCommandTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");
    private readonly TestUser _ola = TestUser.Create("Ola Mentor");
    private readonly TestUser _pia = TestUser.Create("Pia Mentee");

    public PairsCommandTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Coordinators_see_pairs_riskiest_first_with_the_reason_and_others_are_refused()
    {
        await using var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        bot.AddPeople(_mia, _max, _ola, _pia);
        var (channel, program) = await bot.SetUpProgramAsync(_coordinator, "Sales mentoring");
        var today = DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime);
        var calm = await bot.RegisterPairAsync(program, _coordinator, _ola, _pia, start: today);
        var troubled = await bot.RegisterPairAsync(program, _coordinator, _mia, _max, start: today);
        await bot.RecordMeetingAsync(troubled, "meeting-1");
        await bot.Host.Services.GetRequiredService<CheckInSender>().SendAsync(troubled, program, "meeting-1", bot.Clock.GetUtcNow(), default);
        var card = bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)).Last(c => c.AllText.Contains("Quick check-in", StringComparison.Ordinal));
        var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        data["structure"] = "not";
        data["needs"] = "no";
        data["differently"] = "no";
        using (await bot.SendAsync(bot.Activities.CardInvoke(card, _max, CheckInCard.AnswerVerb, data)))
        {
        }

        var ask = bot.Activities.ChannelMessage(channel, channel, _coordinator, "pairs");
        using (await bot.SendAsync(ask))
        {
        }

        var list = bot.Channel.ActivitiesSentTo(ask["conversation"]!["id"]!.GetValue<string>())[^1].AllText;
        var troubledAt = list.IndexOf(troubled.Description, StringComparison.Ordinal);
        var calmAt = list.IndexOf(calm.Description, StringComparison.Ordinal);
        Assert.True(troubledAt >= 0 && calmAt > troubledAt, list);
        Assert.Contains("At risk — a recent check-in said \"not working\"", list, StringComparison.Ordinal);
        Assert.Contains("Too early to tell", list, StringComparison.Ordinal);

        var byMentor = bot.Activities.ChannelMessage(channel, channel, _mia, "pairs");
        using (await bot.SendAsync(byMentor))
        {
        }

        Assert.Contains("Only program coordinators", bot.Channel.ActivitiesSentTo(byMentor["conversation"]!["id"]!.GetValue<string>())[^1].AllText, StringComparison.Ordinal);
    }
}
