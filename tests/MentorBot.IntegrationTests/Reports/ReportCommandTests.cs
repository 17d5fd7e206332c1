using System.Net;
using MentorBot.Features.Pairs;
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
        Assert.Contains("(otherwise subtraction would reveal them): Spring B.", text, StringComparison.Ordinal);

        Assert.Contains("Only program coordinators", await AskAsync(bot, channel, _people[0], "report"), StringComparison.Ordinal);
        Assert.Contains("Why pairs ended early", await AskAsync(bot, channel, _coordinator, "report failures Spring A"), StringComparison.Ordinal);
        Assert.Contains("no cohort called", await AskAsync(bot, channel, _coordinator, "report Autumn"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_link_works_for_its_coordinator_after_signing_in_refuses_anyone_else_and_expires()
    {
        await using var bot = await StartAsync();
        var channel = await SetUpAsync(bot);
        await AskAsync(bot, channel, _coordinator, "report csv");
        var link = new Uri(bot.Channel.ActivitiesSentTo(channel)[^1].AdaptiveCards[0]["actions"]![0]!["url"]!.GetValue<string>());
        Assert.StartsWith("https://mentorbot.example.com/downloads/", link.AbsoluteUri, StringComparison.Ordinal);

        // Nobody signed in: the bot sends the browser to Entra, asking for an ID token posted back to its registered URI.
        using (var anonymous = await bot.Browser(null).OpenAsync(link))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.StartsWith($"{bot.Channel.BaseUrl}/{BotScenario.TenantId}/oauth2/v2.0/authorize?", anonymous.RequestMessage!.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
        }

        var coordinator = bot.Browser(_coordinator);
        using (var download = await coordinator.OpenAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
            var csv = await download.Content.ReadAsStringAsync();
            Assert.StartsWith(ReportCsv.Header, csv, StringComparison.Ordinal);
            Assert.Contains("Cohort,Spring A,pairs,,3,", csv, StringComparison.Ordinal);
            Assert.Equal(1, bot.Channel.EntraSignInCount);
            Assert.Equal(link, download.RequestMessage!.RequestUri);
        }

        // Signed in already: the cookie serves a second download without going back to Entra.
        using (var again = await coordinator.OpenAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(1, bot.Channel.EntraSignInCount);
        }

        bot.Channel.AddMember(_otherCoordinator, BotScenario.TenantId);
        using (var other = await bot.Browser(_otherCoordinator).OpenAsync(link))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.DoesNotContain("Spring A", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(2, bot.Channel.EntraSignInCount);
        }

        using (var mistyped = await coordinator.OpenAsync(new Uri(link.AbsoluteUri[..^1] + (link.AbsoluteUri[^1] == 'A' ? 'B' : 'A'))))
        {
            Assert.Equal(HttpStatusCode.NotFound, mistyped.StatusCode);
        }

        // After the link's time both it and the sign-in are over: the coordinator signs in again and learns it expired.
        bot.Clock.Advance(DownloadStore.Lifetime + TimeSpan.FromMinutes(1));
        using (var expired = await coordinator.OpenAsync(link))
        {
            Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
            Assert.Equal(3, bot.Channel.EntraSignInCount);
        }

        var token = link.Segments[^1];
        Assert.Null(await bot.Host.Services.GetRequiredService<DownloadStore>().FindAsync(token, default));
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
        bot.AddPeople([.. _people]);
        var (channel, program) = await bot.SetUpProgramAsync(_coordinator, "Graduate mentoring");
        var cohorts = bot.Host.Services.GetRequiredService<CohortStore>();
        await cohorts.SaveAsync(new Cohort { TenantId = program.TenantId, ProgramId = program.ProgramId, CohortId = "spring-a", Name = "Spring A", Training = MentorTraining.Substantive }, default);
        await cohorts.SaveAsync(new Cohort { TenantId = program.TenantId, ProgramId = program.ProgramId, CohortId = "spring-b", Name = "Spring B", Training = MentorTraining.BriefOrientation }, default);
        var today = DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < 5; i++)
        {
            await bot.RegisterPairAsync(program, _coordinator, _people[2 * i], _people[(2 * i) + 1], i < 3 ? "spring-a" : "spring-b", today);
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
