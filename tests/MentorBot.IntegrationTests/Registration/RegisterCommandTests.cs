using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Registration;

public sealed class RegisterCommandTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public RegisterCommandTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task A_coordinator_registers_a_pair_by_mentioning_mentor_then_mentee()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);

        var reply = await scenario.SayInChannelAsync(scenario.Coordinator, "register {0} {1} start 2027-03-01 focus Negotiation, and pricing", _mia, _max);

        Assert.Contains("Registered Mia Mentor (mentor) and Max Mentee (mentee) in Sales mentoring, 2027-03-01", reply.AllText, StringComparison.Ordinal);
        var pair = Assert.Single(await scenario.PairsAsync());
        Assert.Equal(_mia.AadObjectId, pair.GetString("MentorId"));
        Assert.Equal(_max.AadObjectId, pair.GetString("MenteeId"));
        Assert.Contains("Negotiation, and pricing", pair.GetString("Pair"), StringComparison.Ordinal);
        // The mentions carried only Teams ids: the bot asked the team who they are.
        Assert.Contains(scenario.Bot.Channel.Calls, c => c.Operation == ConnectorOperation.GetMember && c.MemberId == _mia.TeamsId);
    }

    [Fact]
    public async Task Typed_addresses_work_too_and_the_same_registration_again_creates_nothing()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);

        var first = await scenario.SayInChannelAsync(scenario.Coordinator, $"register {_mia.Email} {_max.Upn}");
        var second = await scenario.SayInChannelAsync(scenario.Coordinator, "register {0} {1}", _mia, _max);

        Assert.Contains("Registered Mia Mentor (mentor)", first.AllText, StringComparison.Ordinal);
        Assert.Contains("Not registered: Mia Mentor and Max Mentee are already a pair", second.AllText, StringComparison.Ordinal);
        Assert.Single(await scenario.PairsAsync());
    }

    [Fact]
    public async Task Someone_who_is_not_a_coordinator_is_refused_and_nothing_is_stored()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);

        var reply = await scenario.SayInChannelAsync(scenario.Stranger, "register {0} {1}", _mia, _max);

        Assert.Contains("Only program coordinators", reply.AllText, StringComparison.Ordinal);
        Assert.Empty(await scenario.PairsAsync());
        Assert.DoesNotContain(scenario.Bot.Channel.Calls, c => c.Operation == ConnectorOperation.GetMember);
    }

    [Fact]
    public async Task One_person_or_a_bad_date_is_explained()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);

        var onePerson = await scenario.SayInChannelAsync(scenario.Coordinator, "register {0} cohort Spring", _mia);
        var badDate = await scenario.SayInChannelAsync(scenario.Coordinator, "register {0} {1} start 1 March", _mia, _max);

        Assert.Contains("Name the mentor and then the mentee", onePerson.AllText, StringComparison.Ordinal);
        Assert.Contains("The start \"1 March\" is not a date written as yyyy-mm-dd", badDate.AllText, StringComparison.Ordinal);
        Assert.Empty(await scenario.PairsAsync());
    }

    [Fact]
    public async Task A_channel_without_a_program_is_told_to_set_one_up()
    {
        await using var scenario = await RegistrationScenario.StartAsync(_azurite, _mia, _max);
        var elsewhere = ConversationIds.NewChannel();
        var message = scenario.Bot.Activities.ChannelMessage(elsewhere, elsewhere, scenario.Coordinator, "register");

        using (await scenario.Bot.SendAsync(message))
        {
        }

        Assert.Contains("No program uses this channel yet", scenario.Bot.Channel.ActivitiesSentTo(RegistrationScenario.ConversationOf(message))[^1].AllText,
            StringComparison.Ordinal);
    }
}
