using MentorBot.Features.MentorCohorts;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.MentorCohorts;

public sealed class DigestAnonymityTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");

    public DigestAnonymityTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Theory]
    [InlineData(2, 5, null, false)]
    [InlineData(3, 5, null, true)]
    [InlineData(3, 4, null, false)]
    [InlineData(3, 5, "1", true)] // a setting below 3 is raised to 3
    [InlineData(3, 5, "4", false)]
    public async Task A_digest_is_posted_only_when_enough_mentors_shared_in_a_large_enough_cohort_and_never_with_names(
        int sharers, int mentors, string? minimumSetting, bool posted)
    {
        var settings = new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId };
        if (minimumSetting is not null)
        {
            settings["MentorCohorts:DigestMinimumSharers"] = minimumSetting;
        }

        await using var bot = await BotScenario.StartAsync(_azurite, services => services.AddMentorCohorts(), settings);
        var (_, program) = await bot.SetUpProgramAsync(_coordinator, "Graduate mentoring");
        await bot.Host.Services.GetRequiredService<CohortStore>().SaveAsync(
            new Cohort { TenantId = program.TenantId, ProgramId = program.ProgramId, CohortId = "spring-a", Name = "Spring A" }, default);
        var today = DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime);
        var people = new List<(TestUser Mentor, Pair Pair)>();
        for (var i = 0; i < mentors; i++)
        {
            var (mentor, mentee) = (TestUser.Create($"Mentor{i} Person"), TestUser.Create($"Mentee{i} Person"));
            bot.AddPeople(mentor, mentee);
            people.Add((mentor, await bot.RegisterPairAsync(program, _coordinator, mentor, mentee, "spring-a", today)));
        }

        var previous = CohortMonth.Previous(bot.Clock.GetUtcNow());
        var answers = bot.Host.Services.GetRequiredService<AccountabilityStore>();
        foreach (var (i, (mentor, pair)) in people.Take(sharers).Index())
        {
            await answers.TryAddAsync(new AccountabilityAnswer
            {
                TenantId = pair.TenantId, ProgramId = pair.ProgramId, CohortId = pair.CohortId, PairId = pair.PairId, MentorId = pair.Mentor.Id,
                Month = previous, HowItIsGoing = 3, Challenge = $"challenge number {i}", ShareAnonymously = true,
            }, default);
        }

        var peers = ConversationIds.NewChannel();
        using (await bot.SendAsync(bot.Activities.ChannelMessage(peers, peers, _coordinator, "cohort channel Spring A")))
        {
        }

        await bot.RunJobsAsync();

        var inChannel = bot.Channel.ActivitiesSentTo(peers).Select(a => a.AllText).ToList();
        Assert.Single(inChannel, t => t.Contains("Mentor peer cohort", StringComparison.Ordinal));
        var digests = inChannel.Where(t => t.Contains("What mentors shared", StringComparison.Ordinal)).ToList();
        if (!posted)
        {
            Assert.Empty(digests);
            Assert.DoesNotContain(inChannel, t => t.Contains("challenge number", StringComparison.Ordinal));
            return;
        }

        var digest = Assert.Single(digests);
        Assert.All(Enumerable.Range(0, sharers), i => Assert.Contains($"challenge number {i}", digest, StringComparison.Ordinal));
        var everything = string.Join('\n', inChannel);
        foreach (var (mentor, _) in people)
        {
            Assert.DoesNotContain(mentor.Name, everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(mentor.Upn, everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Uri.EscapeDataString(mentor.Upn), everything, StringComparison.OrdinalIgnoreCase);
        }
    }
}
