using System.Text.Json.Nodes;
using MentorBot.Features.MentorCohorts;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.MentorCohorts;

public sealed class MonthlyCycleTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public MonthlyCycleTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Reminder_digest_and_accountability_card_go_once_a_month_across_restarts_and_the_digest_leaves_out_opted_out_answers()
    {
        await using var bot = await BotScenario.StartAsync(_azurite, services => services.AddMentorCohorts(),
            new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        bot.AddPeople(_mia, _max);
        var (_, program) = await bot.SetUpProgramAsync(_coordinator, "Graduate mentoring");
        await bot.Host.Services.GetRequiredService<CohortStore>().SaveAsync(
            new Cohort { TenantId = program.TenantId, ProgramId = program.ProgramId, CohortId = "spring-a", Name = "Spring A" }, default);
        var today = DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime);
        var pair = await bot.RegisterPairAsync(program, _coordinator, _mia, _max, "spring-a", today);
        await RegisterFourMorePairsAsync(bot, program, today);
        var previous = CohortMonth.Previous(bot.Clock.GetUtcNow());
        var answers = bot.Host.Services.GetRequiredService<AccountabilityStore>();
        // Three mentors shared (the fewest a digest quotes), Mia did not.
        await answers.TryAddAsync(Answer(pair, "other-mentor", previous, share: true, "SHARED-TEXT"), default);
        await answers.TryAddAsync(Answer(pair, "second-mentor", previous, share: true, "SECOND-TEXT"), default);
        await answers.TryAddAsync(Answer(pair, "third-mentor", previous, share: true, "THIRD-TEXT"), default);
        await answers.TryAddAsync(Answer(pair, pair.Mentor.Id, previous, share: false, "SECRET-TEXT"), default);

        var peers = ConversationIds.NewChannel();
        Assert.Contains("mentor peer channel of Spring A", await AskAsync(bot, peers, _coordinator, "cohort channel Spring A"), StringComparison.Ordinal);
        Assert.Contains("Only program coordinators", await AskAsync(bot, peers, _mia, "cohort channel Spring A"), StringComparison.Ordinal);
        await bot.RunJobsAsync();

        var inChannel = bot.Channel.ActivitiesSentTo(peers).Select(a => a.AllText).ToList();
        var digest = Assert.Single(inChannel, t => t.Contains("What mentors shared", StringComparison.Ordinal));
        Assert.Contains("SHARED-TEXT", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-TEXT", string.Join('\n', inChannel), StringComparison.Ordinal);
        Assert.DoesNotContain(_mia.Name, digest, StringComparison.Ordinal);
        Assert.Single(inChannel, t => t.Contains("Mentor peer cohort", StringComparison.Ordinal));
        Assert.Single(MentorCards(bot));

        // A restart (a second instance) and a coordinator registering the channel again send nothing more this month.
        var second = bot.StartAnotherInstance();
        await AskAsync(bot, peers, _coordinator, "cohort channel Spring A");
        await bot.RunJobsAsync(second);
        await bot.RunJobsAsync();
        Assert.Single(bot.Channel.ActivitiesSentTo(peers), a => a.AllText.Contains("Mentor peer cohort", StringComparison.Ordinal));
        Assert.Single(MentorCards(bot));

        // Only the mentor can answer their card.
        var card = MentorCards(bot)[0];
        var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        data["going"] = "4";
        data["learning"] = "How to explain things simply";
        data["share"] = "true";
        using (await bot.SendAsync(bot.Activities.CardInvoke(card, _max, AccountabilityCard.AnswerVerb, data)))
        {
        }

        using (await bot.SendAsync(bot.Activities.CardInvoke(card, _mia, AccountabilityCard.AnswerVerb, data)))
        {
        }

        var stored = (await answers.InProgramAsync(program.TenantId, program.ProgramId, default)).Where(a => a.Month == CohortMonth.Key(bot.Clock.GetUtcNow())).ToList();
        Assert.Equal(pair.Mentor.Id, Assert.Single(stored).MentorId);

        // Next month: one more of each; two more mentors share, so Mia's answer is one of three.
        var month = CohortMonth.Key(bot.Clock.GetUtcNow());
        await answers.TryAddAsync(Answer(pair, "other-mentor", month, share: true, "NEXT-OTHER"), default);
        await answers.TryAddAsync(Answer(pair, "second-mentor", month, share: true, "NEXT-SECOND"), default);
        bot.Clock.Advance(TimeSpan.FromDays(32));
        await bot.RunJobsAsync();
        Assert.Equal(2, bot.Channel.ActivitiesSentTo(peers).Count(a => a.AllText.Contains("Mentor peer cohort", StringComparison.Ordinal)));
        Assert.Equal(2, MentorCards(bot).Count);
        Assert.Contains(bot.Channel.ActivitiesSentTo(peers), a => a.AllText.Contains("How to explain things simply", StringComparison.Ordinal));
    }

    /// <summary>A cohort of five mentors: the fewest whose digest is posted.</summary>
    private async Task RegisterFourMorePairsAsync(BotScenario bot, MentorshipProgram program, DateOnly start)
    {
        for (var i = 1; i <= 4; i++)
        {
            var (mentor, mentee) = (TestUser.Create($"Mentor {i}"), TestUser.Create($"Mentee {i}"));
            bot.AddPeople(mentor, mentee);
            await bot.RegisterPairAsync(program, _coordinator, mentor, mentee, "spring-a", start);
        }
    }

    private List<RecordedConnectorCall> MentorCards(BotScenario bot) =>
        bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_mia.TeamsId)).Where(a => a.AllText.Contains("Your month as a mentor", StringComparison.Ordinal)).ToList();

    private static AccountabilityAnswer Answer(Pair pair, string mentorId, string month, bool share, string text) => new()
    {
        TenantId = pair.TenantId,
        ProgramId = pair.ProgramId,
        CohortId = pair.CohortId,
        PairId = pair.PairId + mentorId,
        MentorId = mentorId,
        Month = month,
        HowItIsGoing = 3,
        Challenge = text,
        ShareAnonymously = share,
    };

    private static async Task<string> AskAsync(BotScenario bot, string channel, TestUser user, string text)
    {
        var ask = bot.Activities.ChannelMessage(channel, channel, user, text);
        using (await bot.SendAsync(ask))
        {
        }

        return bot.Channel.ActivitiesSentTo(ask["conversation"]!["id"]!.GetValue<string>())[^1].AllText;
    }
}
