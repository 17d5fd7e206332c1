using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.CheckIns;

public sealed class CheckInAnswerTests : IClassFixture<AzuriteFixture>
{
    private const string Secret = "I feel talked over in every meeting (secret-7f3a)";

    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");
    private readonly TestUser _eve = TestUser.Create("Eve Elsewhere");

    public CheckInAnswerTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private sealed record Setup(BotScenario Bot, MentorshipProgram Program, Pair Pair, string Channel) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Bot.DisposeAsync();
    }

    private async Task<Setup> StartAsync()
    {
        var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        bot.AddPeople(_mia, _max, _eve);
        var (channel, program) = await bot.SetUpProgramAsync(_coordinator, "Sales mentoring");
        var pair = await bot.RegisterPairAsync(program, _coordinator, _mia, _max, start: new DateOnly(2027, 1, 4));
        return new Setup(bot, program, pair, channel);
    }

    private static async Task SendCheckInAsync(Setup s, string meeting)
    {
        await s.Bot.RecordMeetingAsync(s.Pair, meeting);
        await s.Bot.Host.Services.GetRequiredService<CheckInSender>().SendAsync(s.Pair, s.Program, meeting, new DateTimeOffset(2027, 1, 11, 10, 0, 0, TimeSpan.Zero), default);
    }

    private static RecordedConnectorCall CheckInCardFor(Setup s, TestUser user, string meeting) =>
        s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId))
            .Last(c => c.AdaptiveCards.Any(card => card.ToJsonString().Contains(meeting, StringComparison.Ordinal)));

    private static async Task<string> AnswerAsync(Setup s, RecordedConnectorCall card, TestUser who, string structure, string needs = "no",
        string differently = "no", string? note = null, bool keepPrivate = false, bool help = false)
    {
        var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        data["structure"] = structure;
        data["needs"] = needs;
        data["differently"] = differently;
        data["note"] = note ?? string.Empty;
        data["private"] = keepPrivate ? "true" : "false";
        data["help"] = help ? "true" : "false";
        using var response = await s.Bot.SendAsync(s.Bot.Activities.CardInvoke(card, who, CheckInCard.AnswerVerb, data));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<int> AlertCountAsync(Setup s) => (await s.Bot.EntitiesAsync("Alerts")).Count;

    [Fact]
    public async Task Each_party_gets_the_check_in_once_per_meeting()
    {
        await using var s = await StartAsync();

        await SendCheckInAsync(s, "meeting-1");
        await SendCheckInAsync(s, "meeting-1");

        foreach (var user in new[] { _mia, _max })
        {
            Assert.Single(s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId)),
                c => c.AllText.Contains("Is our meeting structure working for you?", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Not_working_raises_one_alert_and_a_private_answer_never_reaches_the_partner()
    {
        await using var s = await StartAsync();
        await SendCheckInAsync(s, "meeting-1");

        await AnswerAsync(s, CheckInCardFor(s, _max, "meeting-1"), _max, "not", note: Secret, keepPrivate: true);
        await AnswerAsync(s, CheckInCardFor(s, _max, "meeting-1"), _max, "not", note: Secret, keepPrivate: true);

        var alerts = await s.Bot.EntitiesAsync("Alerts");
        var alert = Assert.Single(alerts);
        Assert.Equal("checkin-not-working", alert.GetString("Cause"));
        // Kept for the coordinators' own view of the alert; the channel, where others may read, never shows it.
        Assert.Contains(Secret, alert.GetString("Alert"), StringComparison.Ordinal);
        Assert.DoesNotContain(s.Bot.Channel.Calls, c => c.ConversationId?.StartsWith(s.Channel, StringComparison.Ordinal) == true && c.AllText.Contains(Secret, StringComparison.Ordinal));
        var toMentor = s.Bot.Channel.Calls.Where(c => c.ConversationId == ConversationIds.Personal(_mia.TeamsId)).ToList();
        Assert.NotEmpty(toMentor);
        Assert.DoesNotContain(toMentor, c => c.AllText.Contains("secret-7f3a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_answer_comes_back_while_the_channel_holds_every_call_and_the_partner_and_coordinators_hear_of_it_after()
    {
        await using var s = await StartAsync();
        await SendCheckInAsync(s, "meeting-1");
        var card = CheckInCardFor(s, _max, "meeting-1");
        var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        foreach (var (name, value) in new[] { ("structure", "not"), ("needs", "no"), ("differently", "no"), ("note", ""), ("private", "false"), ("help", "false") })
        {
            data[name] = value;
        }

        var callsBefore = s.Bot.Channel.Calls.Count;
        string answer;
        using (s.Bot.Channel.HoldConnectorCalls())
        {
            // A channel that answers nothing (throttled, slow): the answer must not wait on it. On the old path it did,
            // until the call gave up, far past the 10 s Bot Service allows an invoke.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
            using var response = await s.Bot.Host.CreateClient().PostActivityAsync(
                s.Bot.Activities.CardInvoke(card, _max, CheckInCard.AnswerVerb, data), s.Bot.Activities.CreateToken(), cancellationToken: timeout.Token);
            response.EnsureSuccessStatusCode();
            answer = await response.Content.ReadAsStringAsync();
            Assert.Equal(callsBefore, s.Bot.Channel.Calls.Count);
        }

        Assert.Contains("Thank", answer, StringComparison.Ordinal);
        await s.Bot.Host.Services.GetRequiredService<MentorBot.Conversations.TurnReplyDelivery>().WhenIdleAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("checkin-not-working", Assert.Single(await s.Bot.EntitiesAsync("Alerts")).GetString("Cause"));
        Assert.Single(s.Bot.Channel.ActivitiesSentTo(s.Channel), c => c.AllText.Contains("A check-in says the meetings are not working", StringComparison.Ordinal));
        Assert.Single(s.Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_mia.TeamsId)),
            c => c.AllText.Contains("Max Mentee's check-in after your meeting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_for_help_alerts_the_coordinators()
    {
        await using var s = await StartAsync();
        await SendCheckInAsync(s, "meeting-1");

        await AnswerAsync(s, CheckInCardFor(s, _mia, "meeting-1"), _mia, "working", help: true);

        Assert.Equal("checkin-help-requested", Assert.Single(await s.Bot.EntitiesAsync("Alerts")).GetString("Cause"));
    }

    [Fact]
    public async Task Could_be_better_twice_in_a_row_from_the_same_party_raises_one_alert()
    {
        await using var s = await StartAsync();
        await SendCheckInAsync(s, "meeting-1");
        await SendCheckInAsync(s, "meeting-2");

        await AnswerAsync(s, CheckInCardFor(s, _max, "meeting-1"), _max, "better");
        Assert.Equal(0, await AlertCountAsync(s));
        await AnswerAsync(s, CheckInCardFor(s, _mia, "meeting-1"), _mia, "better");
        Assert.Equal(0, await AlertCountAsync(s));
        await AnswerAsync(s, CheckInCardFor(s, _max, "meeting-2"), _max, "better");

        Assert.Equal("checkin-could-be-better", Assert.Single(await s.Bot.EntitiesAsync("Alerts")).GetString("Cause"));
    }

    [Fact]
    public async Task A_stranger_a_second_answer_and_an_answer_after_closure_change_nothing()
    {
        await using var s = await StartAsync();
        await SendCheckInAsync(s, "meeting-1");
        var maxCard = CheckInCardFor(s, _max, "meeting-1");

        var byStranger = await AnswerAsync(s, maxCard, _eve, "not");
        var byPartner = await AnswerAsync(s, maxCard, _mia, "not");
        Assert.Contains("someone else", byStranger, StringComparison.Ordinal);
        Assert.Contains("someone else", byPartner, StringComparison.Ordinal);
        Assert.Empty(await s.Bot.EntitiesAsync("CheckIns"));

        await AnswerAsync(s, maxCard, _max, "working");
        var twice = await AnswerAsync(s, maxCard, _max, "not");
        Assert.Contains("already answered", twice, StringComparison.Ordinal);
        var stored = JsonSerializer.Deserialize<CheckInAnswer>(Assert.Single(await s.Bot.EntitiesAsync("CheckIns")).GetString("Answer"))!;
        Assert.Equal(CheckInRating.WorkingWell, stored.Structure);
        Assert.Equal(0, await AlertCountAsync(s));

        var pairs = s.Bot.Host.Services.GetRequiredService<PairStore>();
        var current = (await pairs.GetAsync(BotScenario.TenantId, s.Program.ProgramId, s.Pair.PairId, default))!.Value;
        await pairs.UpdateAsync(current.Pair with { Stage = PairStage.Closed, ClosedReason = "completed" }, current.ETag, default);
        var afterClosure = await AnswerAsync(s, CheckInCardFor(s, _mia, "meeting-1"), _mia, "not");
        Assert.Contains("has ended", afterClosure, StringComparison.Ordinal);
        Assert.Single(await s.Bot.EntitiesAsync("CheckIns"));
    }

    [Fact]
    public async Task In_a_pair_chat_the_card_shows_who_answered_without_private_content()
    {
        await using var s = await StartAsync();
        var chat = ConversationIds.NewGroupChat();
        s.Bot.Channel.SetConversationMembers(chat, _mia, _max);
        using (await s.Bot.SendAsync(s.Bot.Activities.BotAddedToGroupChat(chat, _mia)))
        {
        }

        var pairs = s.Bot.Host.Services.GetRequiredService<PairStore>();
        var linked = (await pairs.GetAsync(BotScenario.TenantId, s.Program.ProgramId, s.Pair.PairId, default))!.Value.Pair;
        Assert.Equal(chat, linked.PairChatConversationId);

        await s.Bot.RecordMeetingAsync(linked, "meeting-9");
        await s.Bot.Host.Services.GetRequiredService<CheckInSender>().SendAsync(linked, s.Program, "meeting-9", DateTimeOffset.UtcNow, default);
        var card = Assert.Single(s.Bot.Channel.ActivitiesSentTo(chat), c => c.AllText.Contains("Quick check-in", StringComparison.Ordinal));

        await AnswerAsync(s, card, _max, "not", note: Secret, keepPrivate: true);

        var update = Assert.Single(s.Bot.Channel.Calls, c => c.Method == "PUT" && c.ConversationId == chat);
        Assert.Contains("Max Mentee: answered ✓", update.AllText, StringComparison.Ordinal);
        Assert.Contains("Mia Mentor: not yet", update.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Bot.Channel.Calls.Where(c => c.ConversationId == chat), c => c.AllText.Contains("secret-7f3a", StringComparison.Ordinal));
    }
}
