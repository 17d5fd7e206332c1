using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Reports;
using MentorBot.Features.Reports.Downloads;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Reports;

public sealed class ReportCommandTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _otherCoordinator = TestUser.Create("Otto Coordinator");
    private readonly List<TestUser> _people = Enumerable.Range(0, 10).Select(i => TestUser.Create($"Person {i}")).ToList();

    public ReportCommandTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Coordinators_get_the_report_with_charts_and_a_small_cohort_suppressed_and_others_are_refused()
    {
        await using var bot = await StartAsync();
        var channel = await SetUpAsync(bot);

        var text = await AskAsync(bot, channel, _coordinator, "report");

        var card = bot.Channel.ActivitiesSentTo(channel)[^1].AdaptiveCards[0].ToJsonString();
        Assert.Contains("Chart.Donut", card, StringComparison.Ordinal);
        Assert.Contains("\"fallback\"", card, StringComparison.Ordinal);
        Assert.Contains("Spring A", text, StringComparison.Ordinal);
        Assert.Contains(ReportText.Suppressed, text, StringComparison.Ordinal);

        Assert.Contains("Only program coordinators", await AskAsync(bot, channel, _people[0], "report"), StringComparison.Ordinal);
        Assert.Contains("Why pairs ended early", await AskAsync(bot, channel, _coordinator, "report failures Spring A"), StringComparison.Ordinal);
        Assert.Contains("no cohort called", await AskAsync(bot, channel, _coordinator, "report Autumn"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_link_works_for_its_coordinator_refuses_anyone_else_and_expires()
    {
        await using var bot = await StartAsync();
        var channel = await SetUpAsync(bot);

        await AskAsync(bot, channel, _coordinator, "report csv");

        var link = bot.Channel.ActivitiesSentTo(channel)[^1].AdaptiveCards[0]["actions"]![0]!["url"]!.GetValue<string>();
        Assert.StartsWith("https://mentorbot.example.com/downloads/", link, StringComparison.Ordinal);
        var token = link[(link.LastIndexOf('/') + 1)..];
        var store = bot.Host.Services.GetRequiredService<DownloadStore>();
        var grant = await store.FindAsync(token, default);
        Assert.NotNull(grant);
        Assert.StartsWith(ReportCsv.Header, grant.Content, StringComparison.Ordinal);
        Assert.Contains("Cohort,Spring A,pairs,,3,", grant.Content, StringComparison.Ordinal);

        Assert.Equal(DownloadVerdict.Allowed, DownloadDecision.Decide(grant, BotScenario.TenantId, _coordinator.AadObjectId, bot.Clock.GetUtcNow()));
        Assert.Equal(DownloadVerdict.NotOwner, DownloadDecision.Decide(grant, BotScenario.TenantId, _otherCoordinator.AadObjectId, bot.Clock.GetUtcNow()));
        Assert.Null(await store.FindAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), default));

        bot.Clock.Advance(DownloadStore.Lifetime);
        Assert.Equal(DownloadVerdict.Expired, DownloadDecision.Decide(grant, BotScenario.TenantId, _coordinator.AadObjectId, bot.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Downloads_larger_than_one_property_are_stored_in_chunks()
    {
        await using var bot = await StartAsync();
        var store = bot.Host.Services.GetRequiredService<DownloadStore>();
        var content = string.Concat(Enumerable.Range(0, 9000).Select(i => $"row {i},é🌱\r\n"));

        var token = await store.IssueAsync(BotScenario.TenantId, _coordinator.AadObjectId, "big.csv", "text/csv", content, default);

        Assert.Equal(content, (await store.FindAsync(token, default))!.Content);
    }

    private Task<BotScenario> StartAsync() => BotScenario.StartAsync(_azurite, services => services.AddReports(), new Dictionary<string, string>
    {
        ["Coordinators:UserIds"] = $"{_coordinator.AadObjectId},{_otherCoordinator.AadObjectId}",
        ["Reports:PublicBaseUrl"] = "https://mentorbot.example.com/",
    });

    /// <summary>Spring A (substantive): 3 pairs, 6 people. Spring B (brief orientation): 2 pairs, 4 people — suppressed.</summary>
    private async Task<string> SetUpAsync(BotScenario bot)
    {
        foreach (var user in _people)
        {
            bot.Graph.AddUser(GraphUser.From(user));
            bot.Channel.AddMember(user, BotScenario.TenantId);
        }

        var channel = ConversationIds.NewChannel();
        await AskAsync(bot, channel, _coordinator, "setup Graduate mentoring");
        var program = (await bot.Host.Services.GetRequiredService<ProgramStore>().GetAsync(BotScenario.TenantId, "graduate-mentoring", default))!.Value.Program;
        var cohorts = bot.Host.Services.GetRequiredService<CohortStore>();
        await cohorts.SaveAsync(new Cohort { TenantId = program.TenantId, ProgramId = program.ProgramId, CohortId = "spring-a", Name = "Spring A", Training = MentorTraining.Substantive }, default);
        await cohorts.SaveAsync(new Cohort { TenantId = program.TenantId, ProgramId = program.ProgramId, CohortId = "spring-b", Name = "Spring B", Training = MentorTraining.BriefOrientation }, default);
        var registration = bot.Host.Services.GetRequiredService<PairRegistration>();
        var today = DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < 5; i++)
        {
            var result = await registration.RegisterAsync(new RegistrationRequest(program, _people[2 * i].Upn, _people[(2 * i) + 1].Upn, i < 3 ? "spring-a" : "spring-b",
                today, null, null, _coordinator.AadObjectId), default);
            Assert.True(result.Created, result.Problem);
        }

        return channel;
    }

    private static async Task<string> AskAsync(BotScenario bot, string channel, TestUser user, string text)
    {
        var ask = bot.Activities.ChannelMessage(channel, channel, user, text);
        using (await bot.SendAsync(ask))
        {
        }

        return bot.Channel.ActivitiesSentTo(ask["conversation"]!["id"]!.GetValue<string>())[^1].AllText;
    }
}
