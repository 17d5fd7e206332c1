using MentorBot.Features.Escalations;
using MentorBot.Features.Rematch;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Rematch;

/// <summary>The requester taking a request back: only they can, coordinators see it, the partner hears nothing.</summary>
public sealed class RematchWithdrawalTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public RematchWithdrawalTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task The_requester_withdraws_with_the_button_and_the_partner_hears_nothing()
    {
        await using var s = await RematchScenario.StartAsync(_azurite, withPairChat: true);
        var mark = s.Mark();
        await s.RequestAsync(s.Mentor);
        var mine = s.RequesterCard(s.Mentor);
        var decisions = s.DecisionCard();

        var byPartner = await s.PressAsync(mine, s.Mentee, RematchRequestCard.WithdrawVerb);
        Assert.Contains("someone else", RematchScenario.Message(byPartner), StringComparison.Ordinal);
        Assert.Equal(RematchState.Open, Assert.Single(await s.RequestsAsync()).State);

        var withdrawn = await s.PressAsync(mine, s.Mentor, RematchRequestCard.WithdrawVerb);

        Assert.Contains("You withdrew your request", RematchScenario.Message(withdrawn), StringComparison.Ordinal);
        Assert.Equal(RematchState.Withdrawn, Assert.Single(await s.RequestsAsync()).State);
        var alert = Assert.Single(await s.AlertsAsync());
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Contains("withdrew", alert.ResolutionNote, StringComparison.Ordinal);
        Assert.Single(s.InChannel("Mia Mentor withdrew this rematch request"), c => c.ConversationId == decisions.ConversationId);
        Assert.Contains(s.Bot.Channel.Calls, c => c.Method == "PUT" && c.ActivityId == decisions.MessageId
            && c.AllText.Contains("Withdrawn by the requester", StringComparison.Ordinal));

        Assert.Contains("already withdrawn", RematchScenario.Message(await s.PressAsync(mine, s.Mentor, RematchRequestCard.WithdrawVerb)), StringComparison.Ordinal);
        Assert.Contains("already withdrawn", RematchScenario.Message(await s.PressAsync(decisions, s.Coordinator, RematchCoordinatorCard.EndVerb)),
            StringComparison.Ordinal);
        Assert.False((await s.StoredPairAsync()).IsClosed);
        Assert.Empty(s.EverythingTo(s.Mentee, mark));
    }

    [Fact]
    public async Task Rematch_withdraw_takes_back_the_open_request_and_a_new_one_can_follow()
    {
        await using var s = await RematchScenario.StartAsync(_azurite);
        var mark = s.Mark();

        await s.SayAsync(s.Mentee, "rematch withdraw");
        Assert.Contains("nothing to withdraw", s.SentTo(s.Mentee)[^1].Text, StringComparison.Ordinal);

        await s.RequestAsync(s.Mentee, "goals", "skip", "can-wait");
        await s.SayAsync(s.Mentee, "rematch withdraw");
        Assert.Equal(RematchState.Withdrawn, Assert.Single(await s.RequestsAsync()).State);

        await s.RequestAsync(s.Mentee, "availability", "skip", "soon");
        var requests = await s.RequestsAsync();
        Assert.Equal(2, requests.Count);
        Assert.Single(requests, r => r.IsOpen);
        Assert.Equal(2, (await s.AlertsAsync()).Count);
        Assert.Empty(s.EverythingTo(s.Mentor, mark));
    }
}
