using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Features.Pairs;
using MentorBot.Features.Registration;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Registration;

public sealed class CohortTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");
    private readonly TestUser _ana = TestUser.Create("Ana Mentee");

    public CohortTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static JsonObject Spring(string start = "2027-03-01", string end = "2027-09-30") => new()
    {
        ["program"] = RegistrationScenario.ProgramId,
        ["name"] = "Spring 2027",
        ["start"] = start,
        ["end"] = end,
        ["training"] = "substantive",
        ["criteria"] = "Skills and goals; mentee's choice of three",
        ["goals"] = "true",
    };

    private static async Task<IReadOnlyList<Cohort>> CohortsAsync(RegistrationScenario scenario) =>
        (await scenario.Bot.EntitiesAsync("Cohorts")).Select(e => JsonSerializer.Deserialize<Cohort>(e.GetString("Cohort"))!).ToList();

    [Fact]
    public async Task A_coordinator_creates_a_cohort_with_the_form_lists_it_and_registers_pairs_into_it()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max, _ana);

        var form = await scenario.SayInChannelAsync(scenario.Coordinator, "cohort Spring 2027");
        var saved = await scenario.PressAsync(form, scenario.Coordinator, CohortCard.SaveVerb, Spring());
        var again = await scenario.PressAsync(form, scenario.Coordinator, CohortCard.SaveVerb, Spring());
        var list = await scenario.SayInChannelAsync(scenario.Coordinator, "cohorts");

        Assert.Contains("Cohort saved: Spring 2027", saved.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("already has a cohort called \"Spring 2027\"", again.GetProperty("value").GetString(), StringComparison.Ordinal);
        var cohort = Assert.Single(await CohortsAsync(scenario));
        Assert.Equal("spring-2027", cohort.CohortId);
        Assert.Equal(MentorTraining.Substantive, cohort.Training);
        Assert.True(cohort.ExplicitGoalsRequired);
        Assert.Equal(new DateOnly(2027, 9, 30), cohort.PlannedEnd);
        Assert.Contains("Skills and goals; mentee's choice of three", list.AllText, StringComparison.Ordinal);
        Assert.Contains("Substantive training", list.AllText, StringComparison.Ordinal);

        // Registered into the cohort by name (command) and by choice (card): the pair takes the cohort and its dates.
        var byCommand = await scenario.SayInChannelAsync(scenario.Coordinator, "register {0} {1} cohort spring 2027", _mia, _max);
        var registerForm = await scenario.SayInChannelAsync(scenario.Coordinator, "register");
        var byCard = await scenario.PressAsync(registerForm, scenario.Coordinator, RegisterPairCard.RegisterVerb, new JsonObject
        {
            ["program"] = RegistrationScenario.ProgramId,
            ["mentor"] = _mia.AadObjectId,
            ["mentee"] = _ana.AadObjectId,
            ["cohort"] = "spring-2027",
        });

        Assert.Contains("2027-03-01 to 2027-09-30", byCommand.AllText, StringComparison.Ordinal);
        Assert.Contains("Spring 2027", Assert.Single(registerForm.AdaptiveCards).ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Spring 2027", byCard.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        var pairs = await scenario.PairsAsync();
        Assert.Equal(2, pairs.Count);
        Assert.All(pairs, p => Assert.Contains("\"CohortId\":\"spring-2027\"", p.GetString("Pair"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_end_before_the_start_is_explained_and_nothing_is_saved()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite);
        var form = await scenario.SayInChannelAsync(scenario.Coordinator, "cohort");

        var refused = await scenario.PressAsync(form, scenario.Coordinator, CohortCard.SaveVerb, Spring(start: "2027-09-01", end: "2027-03-01"));

        Assert.Equal("The planned end (2027-03-01) must be after the start (2027-09-01). Nothing was saved.", refused.GetProperty("value").GetString());
        Assert.Empty(await CohortsAsync(scenario));
    }

    [Fact]
    public async Task Someone_who_is_not_a_coordinator_can_neither_open_nor_submit_the_cohort_form()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite);
        var form = await scenario.SayInChannelAsync(scenario.Coordinator, "cohort");

        var asked = await scenario.SayInChannelAsync(scenario.Stranger, "cohort");
        var submitted = await scenario.PressAsync(form, scenario.Stranger, CohortCard.SaveVerb, Spring());

        Assert.Contains("Only program coordinators", asked.AllText, StringComparison.Ordinal);
        Assert.Contains("Only program coordinators", submitted.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Empty(await CohortsAsync(scenario));
    }

    [Fact]
    public async Task Cohorts_of_a_program_without_any_says_how_to_create_one()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite);

        var reply = await scenario.SayInChannelAsync(scenario.Coordinator, "cohorts");

        Assert.Contains("has no cohorts yet. Type \"cohort\" to create one.", reply.AllText, StringComparison.Ordinal);
    }
}
