using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Pairs;

/// <summary>The rules every way of registering a pair goes through, and what starting a pair sends.</summary>
public sealed class PairRegistrationTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");
    private readonly TestUser _nia = TestUser.Create("Nia Newcomer");

    public PairRegistrationTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private async Task<(BotScenario Bot, MentorshipProgram Program, string Channel)> StartAsync()
    {
        var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        bot.AddPeople(_mia, _max, _nia);
        var (channel, program) = await bot.SetUpProgramAsync(_coordinator, "Sales mentoring");
        return (bot, program, channel);
    }

    private RegistrationRequest Request(MentorshipProgram program, string mentor, string mentee) =>
        new(program, mentor, mentee, null, new DateOnly(2027, 1, 4), null, "Public speaking", _coordinator.AadObjectId);

    [Fact]
    public async Task People_are_resolved_by_upn_or_email_and_keyed_by_object_id()
    {
        var (bot, program, _) = await StartAsync();
        await using var _ = bot;
        var registration = bot.Host.Services.GetRequiredService<PairRegistration>();

        var result = await registration.RegisterAsync(Request(program, _mia.Upn, _max.Email.ToUpperInvariant()), default);

        Assert.True(result.Created, result.Problem);
        Assert.Equal(_mia.AadObjectId, result.Pair!.Mentor.Id);
        Assert.Equal(_max.AadObjectId, result.Pair.Mentee.Id);
        Assert.Equal(new DateOnly(2027, 1, 4).AddDays(7 * 26), result.Pair.PlannedEnd);
        Assert.Single(await bot.EntitiesAsync("Pairs"));
    }

    [Fact]
    public async Task The_same_registration_twice_creates_one_pair()
    {
        var (bot, program, _) = await StartAsync();
        await using var _ = bot;
        var registration = bot.Host.Services.GetRequiredService<PairRegistration>();

        var first = await registration.RegisterAsync(Request(program, _mia.Upn, _max.Upn), default);
        var second = await registration.RegisterAsync(Request(program, _mia.Upn, _max.Upn), default);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Contains("already", second.Problem, StringComparison.Ordinal);
        Assert.Single(await bot.EntitiesAsync("Pairs"));
    }

    [Theory]
    [InlineData("same person")]
    [InlineData("unknown mentor")]
    [InlineData("unknown mentee")]
    [InlineData("end before start")]
    [InlineData("unknown cohort")]
    public async Task A_registration_that_breaks_a_rule_is_refused_with_a_reason_and_stores_no_pair(string rule)
    {
        var (bot, program, _) = await StartAsync();
        await using var _ = bot;
        var registration = bot.Host.Services.GetRequiredService<PairRegistration>();
        var request = rule switch
        {
            "same person" => Request(program, _mia.Upn, _mia.Email),
            "unknown mentor" => Request(program, "ghost@contoso.test", _max.Upn),
            "unknown mentee" => Request(program, _mia.Upn, "nobody@contoso.test"),
            "end before start" => Request(program, _mia.Upn, _max.Upn) with { PlannedEnd = new DateOnly(2026, 12, 1) },
            _ => Request(program, _mia.Upn, _max.Upn) with { Cohort = "Spring 2031" },
        };

        var result = await registration.RegisterAsync(request, default);

        Assert.False(result.Created);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem));
        Assert.Empty(await bot.EntitiesAsync("Pairs"));
    }

    [Fact]
    public async Task A_mentor_at_capacity_is_refused()
    {
        var (bot, program, channel) = await StartAsync();
        await using var _ = bot;
        using (await bot.SendAsync(bot.Activities.ChannelMessage(channel, channel, _coordinator, "settings MentorCapacity 1")))
        {
        }

        var current = (await bot.Host.Services.GetRequiredService<ProgramStore>().GetAsync(BotScenario.TenantId, program.ProgramId, default))!.Value.Program;
        var registration = bot.Host.Services.GetRequiredService<PairRegistration>();

        Assert.True((await registration.RegisterAsync(Request(current, _mia.Upn, _max.Upn), default)).Created);
        var refused = await registration.RegisterAsync(Request(current, _mia.Upn, _nia.Upn), default);

        Assert.False(refused.Created);
        Assert.Contains("capacity", refused.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_graph_fails_the_registration_is_refused_as_retryable_and_nothing_is_stored()
    {
        var (bot, program, _) = await StartAsync();
        await using var _ = bot;
        bot.Graph.FailNext(50, 503, TimeSpan.Zero);

        var result = await bot.Host.Services.GetRequiredService<PairRegistration>().RegisterAsync(Request(program, _mia.Upn, _max.Upn), default);

        Assert.False(result.Created);
        Assert.Contains("try again", result.Problem, StringComparison.Ordinal);
        Assert.Empty(await bot.EntitiesAsync("Pairs"));
    }

    [Fact]
    public async Task Starting_a_pair_introduces_each_party_once_even_when_the_job_runs_on_two_instances()
    {
        var (bot, program, _) = await StartAsync();
        await using var _ = bot;
        var other = bot.StartAnotherInstance();
        await bot.Host.Services.GetRequiredService<PairRegistration>().RegisterAsync(Request(program, _mia.Upn, _max.Upn), default);

        await Task.WhenAll(bot.RunJobsAsync(), bot.RunJobsAsync(other));
        await bot.RunJobsAsync();

        var toMia = bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_mia.TeamsId));
        var toMax = bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId));
        Assert.Single(toMia, c => c.AllText.Contains("Your mentee: Max Mentee", StringComparison.Ordinal));
        Assert.Single(toMax, c => c.AllText.Contains("Your mentor: Mia Mentor", StringComparison.Ordinal));
        var pair = Assert.Single(await bot.EntitiesAsync("Pairs"));
        Assert.Equal("Expectations", pair.GetString("Stage"));
    }

    [Fact]
    public async Task Someone_without_the_app_is_named_to_the_coordinators_once_and_reached_as_soon_as_they_install_it()
    {
        var (bot, program, channel) = await StartAsync();
        await using var _ = bot;
        bot.Channel.MarkNotInstalled(_max.TeamsId);
        bot.Channel.MarkNotInstalled(_max.AadObjectId);
        bot.Graph.DenyInstall = true;
        await bot.Host.Services.GetRequiredService<PairRegistration>().RegisterAsync(Request(program, _mia.Upn, _max.Upn), default);

        await bot.RunJobsAsync();

        var notices = bot.Channel.Calls.Where(c => c.Succeeded && c.ConversationId == channel && c.AllText.Contains("can't reach Max Mentee", StringComparison.Ordinal)).ToList();
        Assert.Single(notices);
        Assert.Contains(_max.Upn, notices[0].AllText, StringComparison.Ordinal);
        Assert.Empty(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)));

        // Max installs the app: Teams tells the bot, and what waited for Max is delivered.
        bot.Channel.MarkInstalled(_max.TeamsId);
        bot.Channel.MarkInstalled(_max.AadObjectId);
        using (await bot.SendAsync(bot.Activities.BotAddedToPersonal(_max)))
        {
        }

        Assert.Contains(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)),
            c => c.AllText.Contains("Your mentor: Mia Mentor", StringComparison.Ordinal));
    }
}
