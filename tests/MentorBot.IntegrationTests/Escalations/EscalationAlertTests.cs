using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Features.Escalations;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Escalations;

public sealed class EscalationAlertTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mentor = TestUser.Create("Mia Mentor");

    public EscalationAlertTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private async Task<(BotScenario Bot, MentorshipProgram Program, string Channel)> StartWithProgramAsync()
    {
        var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        var (channel, program) = await bot.SetUpProgramAsync(_coordinator, "Sales mentoring");
        return (bot, program, channel);
    }

    private static AlertRequest NotWorking(string meeting) =>
        new("checkin-not-working", $"checkin/pair-1/{meeting}/not-working", "A check-in said the meetings are not working")
        {
            PairId = "pair-1",
            PairDescription = "Mia Mentor and Max Mentee",
            Details = "Mentee: \"We keep cancelling.\"",
            Parties = [new AlertParty("mentor", "Mia Mentor", "mia@contoso.test")],
        };

    private static List<RecordedConnectorCall> AlertThreads(BotScenario bot) =>
        bot.Channel.Calls.Where(c => c.Succeeded && c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal)).ToList();

    private static async Task<JsonElement> PressAsync(BotScenario bot, RecordedConnectorCall card, TestUser who, string verb, string? note = null)
    {
        var data = new JsonObject { ["program"] = "sales-mentoring", ["alert"] = EscalationAlerts.IdFor(NotWorking("m1").CauseKey) };
        if (note is not null)
        {
            data["note"] = note;
        }

        using var response = await bot.SendAsync(bot.Activities.CardInvoke(card, who, verb, data));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<EscalationAlert> StoredAsync(BotScenario bot) =>
        JsonSerializer.Deserialize<EscalationAlert>(Assert.Single(await bot.EntitiesAsync("Alerts")).GetString("Alert"))!;

    [Fact]
    public async Task The_same_cause_raises_one_alert_card_in_the_coordinators_channel()
    {
        var (bot, program, channel) = await StartWithProgramAsync();
        await using var _ = bot;
        var alerts = bot.Host.Services.GetRequiredService<EscalationAlerts>();

        Assert.True(await alerts.RaiseAsync(program, NotWorking("m1"), default));
        Assert.False(await alerts.RaiseAsync(program, NotWorking("m1"), default));
        Assert.True(await alerts.RaiseAsync(program, NotWorking("m2"), default));

        Assert.Equal(2, AlertThreads(bot).Count);
        var first = AlertThreads(bot)[0];
        Assert.Equal(channel, first.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Contains("A check-in said the meetings are not working", first.AllText, StringComparison.Ordinal);
        Assert.Contains("Mia Mentor and Max Mentee", first.AllText, StringComparison.Ordinal);
        // What was said is in the coordinators' own view only (the card's refresh), never in the channel's.
        Assert.DoesNotContain("We keep cancelling", first.AllText, StringComparison.Ordinal);
        Assert.Contains("shown to the program's coordinators only", first.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledging_updates_the_card_in_place_and_only_coordinators_can_act()
    {
        var (bot, program, _) = await StartWithProgramAsync();
        await using var _ = bot;
        await bot.Host.Services.GetRequiredService<EscalationAlerts>().RaiseAsync(program, NotWorking("m1"), default);
        var card = AlertThreads(bot)[0];
        var alertMessageId = (await StoredAsync(bot)).ActivityId;

        var refused = await PressAsync(bot, card, _mentor, AlertCard.AcknowledgeVerb);
        Assert.Contains("Only program coordinators", refused.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal(AlertState.Open, (await StoredAsync(bot)).State);

        var acknowledged = await PressAsync(bot, card, _coordinator, AlertCard.AcknowledgeVerb);
        Assert.Equal("application/vnd.microsoft.card.adaptive", acknowledged.GetProperty("type").GetString());
        Assert.Contains("Acknowledged by Cora Coordinator", acknowledged.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(AlertState.Acknowledged, (await StoredAsync(bot)).State);
        var update = Assert.Single(bot.Channel.Calls, c => c.Method == "PUT");
        Assert.Equal(alertMessageId, update.ActivityId);
        Assert.Contains("Acknowledged by Cora Coordinator", update.AllText, StringComparison.Ordinal);

        var again = await PressAsync(bot, card, _coordinator, AlertCard.AcknowledgeVerb);
        Assert.Contains("already acknowledged", again.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolving_with_a_note_closes_the_alert_and_it_leaves_the_open_list()
    {
        var (bot, program, channel) = await StartWithProgramAsync();
        await using var _ = bot;
        await bot.Host.Services.GetRequiredService<EscalationAlerts>().RaiseAsync(program, NotWorking("m1"), default);
        var card = AlertThreads(bot)[0];

        var listBefore = bot.Activities.ChannelMessage(channel, channel, _coordinator, "alerts");
        using (await bot.SendAsync(listBefore))
        {
        }

        Assert.Contains("A check-in said the meetings are not working", bot.Channel.ActivitiesSentTo(listBefore["conversation"]!["id"]!.GetValue<string>())[^1].AllText, StringComparison.Ordinal);

        var resolved = await PressAsync(bot, card, _coordinator, AlertCard.ResolveVerb, "Talked to both; they moved to fortnightly.");
        Assert.Contains("Resolution: Talked to both", resolved.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        var stored = await StoredAsync(bot);
        Assert.Equal(AlertState.Resolved, stored.State);
        Assert.Equal("Talked to both; they moved to fortnightly.", stored.ResolutionNote);

        var twice = await PressAsync(bot, card, _coordinator, AlertCard.ResolveVerb, "again");
        Assert.Contains("already resolved", twice.GetProperty("value").GetString(), StringComparison.Ordinal);

        var listAfter = bot.Activities.ChannelMessage(channel, channel, _coordinator, "alerts");
        using (await bot.SendAsync(listAfter))
        {
        }

        Assert.Contains("No open alerts", bot.Channel.ActivitiesSentTo(listAfter["conversation"]!["id"]!.GetValue<string>())[^1].AllText, StringComparison.Ordinal);
    }
}
