using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Expectations;

/// <summary>
/// A program with one registered and started pair (Mia mentors Max), on the real host: the coordinator set the
/// program up in a channel, registered the pair, and the pair-start job ran, so both have their first question.
/// </summary>
internal sealed class PairScenario : IAsyncDisposable
{
    public static readonly string[] MentorTypedAnswers =
    [
        "Reviews of your design documents and introductions to our architects",
        "I don't know mobile development; one hour every two weeks",
        "2",
        "monthly",
        "Teams chat, video call",
        "Whoever cancels proposes two new times",
        "Max leads a design review on his own",
    ];

    public static readonly string[] MenteeTypedAnswers =
    [
        "Lead design reviews in my team",
        "Giving critical feedback to senior engineers",
        "Quick questions by chat",
        "weekly",
        "1,2",
        "Move it within the same week",
        "I have run two design reviews without help",
    ];

    private PairScenario(BotScenario bot, TestUser coordinator, TestUser mentor, TestUser mentee, string channel, MentorshipProgram program, Pair pair)
    {
        Bot = bot;
        Coordinator = coordinator;
        Mentor = mentor;
        Mentee = mentee;
        Channel = channel;
        Program = program;
        Pair = pair;
    }

    public BotScenario Bot { get; }
    public TestUser Coordinator { get; }
    public TestUser Mentor { get; }
    public TestUser Mentee { get; }
    public string Channel { get; }
    public MentorshipProgram Program { get; }
    public Pair Pair { get; }
    public PairKey Key => PairKey.Of(Pair);

    public static async Task<PairScenario> StartAsync(AzuriteFixture azurite)
    {
        var coordinator = TestUser.Create("Cora Coordinator");
        var mentor = TestUser.Create("Mia Mentor");
        var mentee = TestUser.Create("Max Mentee");
        var bot = await BotScenario.StartAsync(azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = coordinator.AadObjectId });
        var (channel, program) = await bot.SetUpProgramAsync(coordinator, "Design mentoring");
        bot.AddPeople(mentor, mentee);
        var pair = await bot.RegisterPairAsync(program, coordinator, mentor, mentee, focus: "Design reviews");
        await bot.RunJobsAsync();
        return new PairScenario(bot, coordinator, mentor, mentee, channel, program, pair);
    }

    /// <summary>Registers a second pair for the same mentor and runs its start job.</summary>
    public async Task<Pair> RegisterAnotherMenteeAsync(TestUser mentee)
    {
        Bot.AddPeople(mentee);
        var pair = await Bot.RegisterPairAsync(Program, Coordinator, Mentor, mentee);
        await Bot.RunJobsAsync();
        return pair;
    }

    public IReadOnlyList<RecordedConnectorCall> SentTo(TestUser user) => Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId));

    public async Task SayAsync(TestUser user, string text)
    {
        using var response = await Bot.SendAsync(Bot.Activities.PersonalMessage(user, text));
        response.EnsureSuccessStatusCode();
    }

    public async Task AnswerAllByTypingAsync(TestUser user, IEnumerable<string> answers)
    {
        foreach (var answer in answers)
        {
            await SayAsync(user, answer);
        }
    }

    /// <summary>The last question card sent to the user's personal chat.</summary>
    public RecordedConnectorCall LastQuestion(TestUser user) => SentTo(user).Last(c => FirstVerb(c) == PromptCard.AnswerVerb);

    /// <summary>The last agreement card sent to the user's personal chat.</summary>
    public RecordedConnectorCall LastAgreementCard(TestUser user) =>
        SentTo(user).Last(c => c.AdaptiveCards.Count > 0 && c.AllText.Contains("Your expectations agreement", StringComparison.Ordinal));

    /// <summary>Presses a button of a card (by verb), with extra inputs; returns the invoke response body.</summary>
    public async Task<JsonElement> PressAsync(RecordedConnectorCall card, TestUser who, string verb, params (string Key, string Value)[] inputs)
    {
        var action = card.AdaptiveCards[0]["actions"]!.AsArray().First(a => a!["verb"]!.GetValue<string>() == verb)!;
        var data = (JsonObject)action["data"]!.DeepClone();
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        using var response = await Bot.SendAsync(Bot.Activities.CardInvoke(card, who, verb, data));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public Task<JsonElement> AnswerCardAsync(TestUser user, string answer, TestUser? pressedBy = null) =>
        PressAsync(LastQuestion(user), pressedBy ?? user, PromptCard.AnswerVerb, (PromptCard.AnswerInputId, answer));

    public async Task<Pair> StoredPairAsync() =>
        (await Bot.Host.Services.GetRequiredService<PairStore>().GetAsync(Pair.TenantId, Pair.ProgramId, Pair.PairId, default))!.Value.Pair;

    public async Task ClosePairAsync()
    {
        var store = Bot.Host.Services.GetRequiredService<PairStore>();
        var entry = (await store.GetAsync(Pair.TenantId, Pair.ProgramId, Pair.PairId, default))!.Value;
        await store.UpdateAsync(entry.Pair with { Stage = PairStage.Closed, ClosedReason = "withdrawn" }, entry.ETag, default);
    }

    public async Task<IReadOnlyList<(ExpectationsAgreement Agreement, bool IsCurrent)>> AgreementsAsync() =>
        (await Bot.EntitiesAsync("Agreements"))
            .Select(e => (JsonSerializer.Deserialize<ExpectationsAgreement>(e.GetString("Agreement"))!, e.GetBoolean("IsCurrent") == true))
            .OrderBy(a => a.Item1.Version)
            .ToList();

    public async Task<DialogState?> DialogOfAsync(TestUser user) =>
        (await Bot.EntitiesAsync("DialogStates"))
            .Where(e => e.RowKey == user.AadObjectId)
            .Select(e => JsonSerializer.Deserialize<DialogState>(e.GetString("State")))
            .SingleOrDefault();

    public static string? FirstVerb(RecordedConnectorCall call) =>
        call.AdaptiveCards.Count > 0 && call.AdaptiveCards[0]["actions"] is JsonArray { Count: > 0 } actions ? actions[0]!["verb"]?.GetValue<string>() : null;

    public static string Text(JsonElement invokeResponse) => invokeResponse.GetProperty("value").ValueKind == JsonValueKind.String
        ? invokeResponse.GetProperty("value").GetString()!
        : invokeResponse.GetProperty("value").GetRawText();

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
