using System.Text.Json.Nodes;
using MentorBot.Features.Registration;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Registration;

public sealed class RegisterCardTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public RegisterCardTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private JsonObject PickerAnswers() => new()
    {
        ["program"] = RegistrationScenario.ProgramId,
        // What the Teams people picker submits: the chosen users' Entra object ids.
        ["mentor"] = _mia.AadObjectId,
        ["mentee"] = _max.AadObjectId,
        ["start"] = "2027-04-01",
        ["end"] = "",
        ["focus"] = "Finding a first sales territory",
    };

    [Fact]
    public async Task Register_alone_answers_a_form_with_two_people_pickers_and_submitting_it_registers_the_pair_once()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);

        var form = await scenario.SayInChannelAsync(scenario.Coordinator, "register");

        var card = Assert.Single(form.AdaptiveCards).ToJsonString();
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(card, "\"dataset\":\"graph.microsoft.com/users\""));

        var registered = await scenario.PressAsync(form, scenario.Coordinator, RegisterPairCard.RegisterVerb, PickerAnswers());
        var again = await scenario.PressAsync(form, scenario.Coordinator, RegisterPairCard.RegisterVerb, PickerAnswers());

        Assert.Equal("application/vnd.microsoft.card.adaptive", registered.GetProperty("type").GetString());
        Assert.Contains("Pair registered", registered.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("already a pair", again.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was created", again.GetProperty("value").GetString(), StringComparison.Ordinal);
        var pair = Assert.Single(await scenario.PairsAsync());
        Assert.Equal(_mia.AadObjectId, pair.GetString("MentorId"));
        Assert.Contains("\"Start\":\"2027-04-01\"", pair.GetString("Pair"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_phone_typed_email_addresses_register_the_pair_as_the_pickers_would()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);
        var form = await scenario.SayInChannelAsync(scenario.Coordinator, "register");
        Assert.Contains("or type the mentor's email", form.AllText, StringComparison.Ordinal);
        // Teams mobile shows no people picker, so nothing comes for "mentor" and "mentee".
        var typed = new JsonObject
        {
            ["program"] = RegistrationScenario.ProgramId,
            [RegisterPairCard.TypedAddress("mentor")] = " " + _mia.Upn + " ",
            [RegisterPairCard.TypedAddress("mentee")] = _max.Upn,
        };

        var registered = await scenario.PressAsync(form, scenario.Coordinator, RegisterPairCard.RegisterVerb, typed);

        Assert.Contains("Pair registered", registered.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(_mia.AadObjectId, Assert.Single(await scenario.PairsAsync()).GetString("MentorId"));
    }

    [Fact]
    public async Task A_submit_by_someone_who_is_not_a_coordinator_is_refused_and_nothing_is_stored()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);
        var form = await scenario.SayInChannelAsync(scenario.Coordinator, "register");

        var refused = await scenario.PressAsync(form, scenario.Stranger, RegisterPairCard.RegisterVerb, PickerAnswers());
        var asked = await scenario.SayInChannelAsync(scenario.Stranger, "register");

        Assert.Contains("Only program coordinators", refused.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Contains("Only program coordinators", asked.AllText, StringComparison.Ordinal);
        Assert.Empty(await scenario.PairsAsync());
    }

    [Fact]
    public async Task The_same_person_in_both_pickers_is_refused_with_the_reason()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);
        var form = await scenario.SayInChannelAsync(scenario.Coordinator, "register");
        var answers = PickerAnswers();
        answers["mentee"] = _mia.AadObjectId;

        var refused = await scenario.PressAsync(form, scenario.Coordinator, RegisterPairCard.RegisterVerb, answers);

        Assert.Contains("can't be both mentor and mentee", refused.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Empty(await scenario.PairsAsync());
    }

    [Fact]
    public async Task A_classic_submit_registers_and_updates_the_card_in_place()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);
        var form = await scenario.SayInChannelAsync(scenario.Coordinator, "register");
        var value = PickerAnswers();
        value["verb"] = RegisterPairCard.RegisterVerb;

        using (await scenario.Bot.SendAsync(scenario.Bot.Activities.CardSubmit(form, scenario.Coordinator, value)))
        {
        }

        Assert.Single(await scenario.PairsAsync());
        var update = Assert.Single(scenario.Bot.Channel.Calls, c => c.Method == "PUT");
        Assert.Equal(form.MessageId, update.ActivityId);
        Assert.Contains("Pair registered", update.AllText, StringComparison.Ordinal);
    }
}
