using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Rematch;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Rematch;

/// <summary>
/// A program set up by Cora in the coordinators channel and one registered pair, Mia mentoring Max, optionally
/// with their pair chat. The pair is not started: the expectations conversation would otherwise be running in both
/// personal chats and take "rematch" as an answer (see the skipped test in RematchRequestTests).
/// </summary>
internal sealed class RematchScenario : IAsyncDisposable
{
    public const string Secret = "He talks over me in every meeting (secret-5e1b)";

    private RematchScenario(BotScenario bot, MentorshipProgram program, Pair pair, string channel, TestUser coordinator, TestUser mentor, TestUser mentee,
        TestUser other)
    {
        Bot = bot;
        Program = program;
        Pair = pair;
        Channel = channel;
        Coordinator = coordinator;
        Mentor = mentor;
        Mentee = mentee;
        Other = other;
    }

    public BotScenario Bot { get; }
    public MentorshipProgram Program { get; }
    public Pair Pair { get; }
    public string Channel { get; }
    public TestUser Coordinator { get; }
    public TestUser Mentor { get; }
    public TestUser Mentee { get; }

    /// <summary>Nia, in the directory but in no pair yet.</summary>
    public TestUser Other { get; }

    public string? PairChat { get; private set; }

    public static async Task<RematchScenario> StartAsync(AzuriteFixture azurite, bool withPairChat = false)
    {
        var coordinator = TestUser.Create("Cora Coordinator");
        var mentor = TestUser.Create("Mia Mentor");
        var mentee = TestUser.Create("Max Mentee");
        var other = TestUser.Create("Nia Newcomer");
        var bot = await BotScenario.StartAsync(azurite, services => services.AddRematch(),
            new Dictionary<string, string> { ["Coordinators:UserIds"] = coordinator.AadObjectId });
        bot.AddPeople(mentor, mentee, other);
        var (channel, program) = await bot.SetUpProgramAsync(coordinator, "Sales mentoring");
        var pair = await bot.RegisterPairAsync(program, coordinator, mentor, mentee, start: new DateOnly(2027, 1, 4));
        var scenario = new RematchScenario(bot, program, pair, channel, coordinator, mentor, mentee, other);
        if (withPairChat)
        {
            var chat = ConversationIds.NewGroupChat();
            bot.Channel.SetConversationMembers(chat, mentor, mentee);
            using (await bot.SendAsync(bot.Activities.BotAddedToGroupChat(chat, mentor)))
            {
            }

            Assert.Equal(chat, (await scenario.StoredPairAsync()).PairChatConversationId);
            scenario.PairChat = chat;
        }

        return scenario;
    }

    public ValueTask DisposeAsync() => Bot.DisposeAsync();

    /// <summary>The sequence number of the last connector call so far: "everything after this" starts here.</summary>
    public long Mark() => Bot.Channel.Calls.Count == 0 ? 0 : Bot.Channel.Calls[^1].Sequence;

    public async Task SayAsync(TestUser user, string text)
    {
        using var response = await Bot.SendAsync(Bot.Activities.PersonalMessage(user, text));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The whole private request, typed: "rematch", the reason, the details, the urgency, and "yes".</summary>
    public async Task RequestAsync(TestUser user, string category = "communication", string details = Secret, string urgency = "urgent")
    {
        foreach (var text in new[] { "rematch", category, details, urgency, "1" })
        {
            await SayAsync(user, text);
        }
    }

    public IReadOnlyList<RecordedConnectorCall> SentTo(TestUser user) => Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId));

    /// <summary>
    /// Every successful call that reached the user's conversations after <paramref name="mark"/>: their personal
    /// chat and the pair chat, sends and card updates alike.
    /// </summary>
    public IReadOnlyList<RecordedConnectorCall> EverythingTo(TestUser user, long mark) =>
        Bot.Channel.Calls.Where(c => c.Sequence > mark && c.Succeeded && c.ConversationId is { } id
                && (id == ConversationIds.Personal(user.TeamsId) || (PairChat is not null && ConversationIds.WithoutThread(id) == PairChat)))
            .ToList();

    public IReadOnlyList<RecordedConnectorCall> InChannel(string text) =>
        Bot.Channel.ActivitiesSentTo(Channel).Where(c => c.AllText.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>The decision card posted in the alert's thread (the latest one, when several requests were made).</summary>
    public RecordedConnectorCall DecisionCard() => InChannel("Rematch request: what next?")[^1];

    public RecordedConnectorCall RequesterCard(TestUser user) =>
        SentTo(user).Last(c => c.AllText.Contains("Your request is with your coordinator", StringComparison.Ordinal));

    /// <summary>Presses a button (by verb) on a card the bot sent; returns the invoke response body.</summary>
    public async Task<JsonElement> PressAsync(RecordedConnectorCall card, TestUser who, string verb, params (string Key, string Value)[] inputs)
    {
        var action = card.AdaptiveCards[0]["actions"]!.AsArray().First(a => a!["verb"]?.GetValue<string>() == verb)!;
        var data = (JsonObject)action["data"]!.DeepClone();
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        using var response = await Bot.SendAsync(Bot.Activities.CardInvoke(card, who, verb, data));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>What a person's Teams client gets when it refreshes a card (its "refresh" action, sent automatically).</summary>
    public async Task<JsonElement> RefreshAsync(RecordedConnectorCall card, TestUser who)
    {
        var refresh = card.AdaptiveCards[0]["refresh"]!["action"]!;
        var data = (JsonObject)refresh["data"]!.DeepClone();
        using var response = await Bot.SendAsync(Bot.Activities.CardInvoke(card, who, refresh["verb"]!.GetValue<string>(), data, trigger: "automatic"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<Pair> StoredPairAsync() =>
        (await Bot.Host.Services.GetRequiredService<PairStore>().GetAsync(Pair.TenantId, Pair.ProgramId, Pair.PairId, default))!.Value.Pair;

    public async Task<IReadOnlyList<RematchRequest>> RequestsAsync() =>
        (await Bot.EntitiesAsync(RematchTables.Requests)).Select(e => JsonSerializer.Deserialize<RematchRequest>(e.GetString("Request"))!).ToList();

    public async Task<IReadOnlyList<EscalationAlert>> AlertsAsync() =>
        (await Bot.EntitiesAsync("Alerts")).Select(e => JsonSerializer.Deserialize<EscalationAlert>(e.GetString("Alert"))!).ToList();

    /// <summary>Registers a second pair for the mentor (Mia mentors Nia too).</summary>
    public Task<Pair> RegisterSecondPairAsync() => Bot.RegisterPairAsync(Program, Coordinator, Mentor, Other, start: new DateOnly(2027, 1, 4));

    public static string Message(JsonElement invokeResponse) => invokeResponse.GetProperty("value").ValueKind == JsonValueKind.String
        ? invokeResponse.GetProperty("value").GetString()!
        : invokeResponse.GetProperty("value").GetRawText();
}
