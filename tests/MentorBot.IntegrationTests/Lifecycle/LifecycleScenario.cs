using System.Text.Json;
using MentorBot.Features.Escalations;
using MentorBot.Features.Expectations;
using MentorBot.Features.Lifecycle;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Lifecycle;

/// <summary>
/// A program set up by Cora, and Mia mentoring Max for six months (the default), with a confirmed agreement and the
/// pair at Initial, as the expectations conversation would leave it.
/// </summary>
internal sealed class LifecycleScenario : IAsyncDisposable
{
    public const string MentorCriteria = "Max runs a client pitch on his own (crit-m)";
    public const string MenteeCriteria = "I can negotiate a renewal (crit-e)";

    private LifecycleScenario(BotScenario bot, MentorshipProgram program, Pair pair, string channel, TestUser coordinator, TestUser mentor, TestUser mentee)
    {
        Bot = bot;
        Program = program;
        Pair = pair;
        Channel = channel;
        Coordinator = coordinator;
        Mentor = mentor;
        Mentee = mentee;
    }

    public BotScenario Bot { get; }
    public MentorshipProgram Program { get; }
    public Pair Pair { get; }
    public string Channel { get; }
    public TestUser Coordinator { get; }
    public TestUser Mentor { get; }
    public TestUser Mentee { get; }

    public static async Task<LifecycleScenario> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var coordinator = TestUser.Create("Cora Coordinator");
        var mentor = TestUser.Create("Mia Mentor");
        var mentee = TestUser.Create("Max Mentee");
        var settings = new Dictionary<string, string> { ["Coordinators:UserIds"] = coordinator.AadObjectId };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var bot = await BotScenario.StartAsync(azurite, services => services.AddLifecycle(), settings);
        bot.AddPeople(mentor, mentee);
        var (channel, program) = await bot.SetUpProgramAsync(coordinator, "Sales mentoring");
        var pair = await bot.RegisterPairAsync(program, coordinator, mentor, mentee);

        var services = bot.Host.Services;
        var now = bot.Clock.GetUtcNow();
        await services.GetRequiredService<AgreementStore>().AddVersionAsync(new ExpectationsAgreement
        {
            TenantId = pair.TenantId,
            ProgramId = pair.ProgramId,
            PairId = pair.PairId,
            Version = 1,
            MentorName = pair.Mentor.Name,
            MenteeName = pair.Mentee.Name,
            Mentor = new ExpectationsAnswers { Role = PairRole.Mentor, Frequency = ExpectationChoices.Weekly, SuccessCriteria = MentorCriteria, AnsweredAt = now },
            Mentee = new ExpectationsAnswers { Role = PairRole.Mentee, Frequency = ExpectationChoices.Weekly, SuccessCriteria = MenteeCriteria, Goals = "Negotiation", AnsweredAt = now },
            Confirmations = [new AgreementConfirmation(PairRole.Mentor, pair.Mentor.Id, now), new AgreementConfirmation(PairRole.Mentee, pair.Mentee.Id, now)],
            CreatedAt = now,
        }, null, default);
        var pairs = services.GetRequiredService<PairStore>();
        var stored = (await pairs.GetAsync(pair.TenantId, pair.ProgramId, pair.PairId, default))!.Value;
        await pairs.UpdateAsync(stored.Pair with { Stage = PairStage.Initial }, stored.ETag, default);
        return new LifecycleScenario(bot, program, pair, channel, coordinator, mentor, mentee);
    }

    public ValueTask DisposeAsync() => Bot.DisposeAsync();

    public long Mark() => Bot.Channel.Calls.Count == 0 ? 0 : Bot.Channel.Calls[^1].Sequence;

    public async Task SayAsync(TestUser user, string text)
    {
        using var response = await Bot.SendAsync(Bot.Activities.PersonalMessage(user, text));
        response.EnsureSuccessStatusCode();
    }

    public Task LogMeetingAsync() =>
        Bot.Host.Services.GetRequiredService<MeetingLog>().LogManualMeetingAsync(Pair, Bot.Clock.GetUtcNow().AddHours(-1), default);

    public IReadOnlyList<RecordedConnectorCall> SentTo(TestUser user) => Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId));

    public int CountSentTo(TestUser user, string text) => SentTo(user).Count(c => c.AllText.Contains(text, StringComparison.Ordinal));

    /// <summary>Every successful call to the user's personal chat after <paramref name="mark"/>, sends and updates alike.</summary>
    public IReadOnlyList<RecordedConnectorCall> EverythingTo(TestUser user, long mark) =>
        Bot.Channel.Calls.Where(c => c.Sequence > mark && c.Succeeded && c.ConversationId == ConversationIds.Personal(user.TeamsId)).ToList();

    public async Task<Pair> StoredPairAsync() =>
        (await Bot.Host.Services.GetRequiredService<PairStore>().GetAsync(Pair.TenantId, Pair.ProgramId, Pair.PairId, default))!.Value.Pair;

    public async Task<IReadOnlyList<EscalationAlert>> AlertsAsync() =>
        (await Bot.EntitiesAsync("Alerts")).Select(e => JsonSerializer.Deserialize<EscalationAlert>(e.GetString("Alert"))!).ToList();
}
