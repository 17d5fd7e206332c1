using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Rematch;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Rematch;

/// <summary>What coordinators decide on a request, and what each party hears (and does not hear) about it.</summary>
public sealed class RematchDecisionTests : IClassFixture<AzuriteFixture>
{
    private const string ClosureHeading = "Your mentoring pairing has ended";

    private readonly AzuriteFixture _azurite;

    public RematchDecisionTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Rematch_end_to_end_the_partner_only_ever_gets_the_neutral_closure_message()
    {
        await using var s = await RematchScenario.StartAsync(_azurite, withPairChat: true);
        var mark = s.Mark();

        await s.RequestAsync(s.Mentor, "communication", RematchScenario.Secret, "urgent");
        var card = s.DecisionCard();

        // Only coordinators can decide, and a refused press changes nothing.
        foreach (var (who, verb) in new[] { (s.Mentee, RematchCoordinatorCard.EndVerb), (s.Mentor, RematchCoordinatorCard.KeepVerb) })
        {
            Assert.Contains("Only program coordinators", RematchScenario.Message(await s.PressAsync(card, who, verb)), StringComparison.Ordinal);
        }

        Assert.Equal(RematchState.Open, Assert.Single(await s.RequestsAsync()).State);
        Assert.False((await s.StoredPairAsync()).IsClosed);

        var ended = await s.PressAsync(card, s.Coordinator, RematchCoordinatorCard.EndVerb);

        Assert.Contains("Ended and rematched by Cora Coordinator", RematchScenario.Message(ended), StringComparison.Ordinal);
        var pair = await s.StoredPairAsync();
        Assert.Equal((PairStage.Closed, "rematched"), (pair.Stage, pair.ClosedReason));
        Assert.Equal(RematchState.Rematched, Assert.Single(await s.RequestsAsync()).State);
        Assert.Equal(AlertState.Resolved, Assert.Single(await s.AlertsAsync()).State);

        // Both get the same words, byte for byte.
        var toMentor = Assert.Single(s.SentTo(s.Mentor), c => c.AllText.Contains(ClosureHeading, StringComparison.Ordinal));
        var toMentee = Assert.Single(s.SentTo(s.Mentee), c => c.AllText.Contains(ClosureHeading, StringComparison.Ordinal));
        Assert.Equal(toMentor.AdaptiveCards[0].ToJsonString(), toMentee.AdaptiveCards[0].ToJsonString());

        // The coordinator is told who needs a new match, in the request's thread.
        var needs = Assert.Single(s.InChannel("Needs a new match"));
        Assert.Equal(card.ConversationId, needs.ConversationId);
        Assert.Contains("Mia Mentor\nmentor", needs.AllText, StringComparison.Ordinal);
        Assert.Contains("Max Mentee\nmentee", needs.AllText, StringComparison.Ordinal);

        // "Do not pair again", in either order; other people are not affected.
        var history = s.Bot.Host.Services.GetRequiredService<RematchHistory>();
        Assert.True(await history.IsBlockedAsync(BotScenario.TenantId, s.Mentor.AadObjectId, s.Mentee.AadObjectId, default));
        Assert.True(await history.IsBlockedAsync(BotScenario.TenantId, s.Mentee.AadObjectId.ToUpperInvariant(), s.Mentor.AadObjectId, default));
        Assert.False(await history.IsBlockedAsync(BotScenario.TenantId, s.Mentor.AadObjectId, s.Other.AadObjectId, default));

        // A repeated or stale press says so and changes nothing.
        var callsBefore = s.Bot.Channel.Calls.Count;
        Assert.Contains("already ended and rematched", RematchScenario.Message(await s.PressAsync(card, s.Coordinator, RematchCoordinatorCard.EndVerb)),
            StringComparison.Ordinal);
        Assert.Contains("already ended and rematched", RematchScenario.Message(await s.PressAsync(card, s.Coordinator, RematchCoordinatorCard.KeepVerb)),
            StringComparison.Ordinal);
        Assert.Equal(callsBefore, s.Bot.Channel.Calls.Count);

        // Everything the mentee's conversations received during the whole flow: the neutral message and their own
        // reflection questions, nothing about the request.
        var toPartner = s.EverythingTo(s.Mentee, mark);
        Assert.Contains(toPartner, c => c.AllText.Contains(ClosureHeading, StringComparison.Ordinal));
        Assert.All(toPartner, c =>
        {
            Assert.Equal(ConversationIds.Personal(s.Mentee.TeamsId), c.ConversationId);
            foreach (var forbidden in new[] { "Mia", s.Mentor.AadObjectId, "rematch", "communication", "Communication isn't working", "urgent", "secret-5e1b" })
            {
                Assert.DoesNotContain(forbidden, c.AllText, StringComparison.OrdinalIgnoreCase);
            }
        });
    }

    [Fact]
    public async Task Registration_refuses_to_pair_the_two_again_after_a_rematch()
    {
        // Needs the PairRegistration patch (RematchHistory.IsBlockedAsync) from the rematch hand-over.
        await using var s = await RematchScenario.StartAsync(_azurite);
        await s.RequestAsync(s.Mentee);
        await s.PressAsync(s.DecisionCard(), s.Coordinator, RematchCoordinatorCard.EndVerb);
        var registration = s.Bot.Host.Services.GetRequiredService<PairRegistration>();

        var again = await registration.RegisterAsync(
            new RegistrationRequest(s.Program, s.Mentee.Upn, s.Mentor.Upn, null, new DateOnly(2027, 6, 7), null, null, s.Coordinator.AadObjectId), default);
        var someoneElse = await registration.RegisterAsync(
            new RegistrationRequest(s.Program, s.Mentor.Upn, s.Other.Upn, null, new DateOnly(2027, 6, 7), null, null, s.Coordinator.AadObjectId), default);

        Assert.False(again.Created);
        Assert.Contains("paired again", again.Problem, StringComparison.Ordinal);
        Assert.True(someoneElse.Created, someoneElse.Problem);
    }

    [Fact]
    public async Task Keeping_the_pair_tells_only_the_requester()
    {
        await using var s = await RematchScenario.StartAsync(_azurite, withPairChat: true);
        var mark = s.Mark();
        await s.RequestAsync(s.Mentee, "styles", RematchScenario.Secret, "soon");
        var card = s.DecisionCard();

        var kept = await s.PressAsync(card, s.Coordinator, RematchCoordinatorCard.KeepVerb);

        Assert.Contains("Kept by Cora Coordinator", RematchScenario.Message(kept), StringComparison.Ordinal);
        Assert.Equal(RematchState.Kept, Assert.Single(await s.RequestsAsync()).State);
        Assert.False((await s.StoredPairAsync()).IsClosed);
        Assert.Equal(AlertState.Resolved, Assert.Single(await s.AlertsAsync()).State);
        var told = Assert.Single(s.SentTo(s.Mentee), c => c.AllText.Contains("Your coordinator has looked at your request", StringComparison.Ordinal));
        Assert.Contains("continues", told.AllText, StringComparison.Ordinal);
        Assert.Empty(s.EverythingTo(s.Mentor, mark));

        // The card is shown as decided for everyone in the channel.
        Assert.Contains(s.Bot.Channel.Calls, c => c.Method == "PUT" && c.ActivityId == card.MessageId && c.AllText.Contains("Kept by Cora", StringComparison.Ordinal));

        Assert.Contains("already kept", RematchScenario.Message(await s.PressAsync(card, s.Coordinator, RematchCoordinatorCard.KeepVerb)), StringComparison.Ordinal);
        Assert.Contains("already kept", RematchScenario.Message(await s.PressAsync(card, s.Coordinator, RematchCoordinatorCard.EndVerb)), StringComparison.Ordinal);
        Assert.False((await s.StoredPairAsync()).IsClosed);
        Assert.Single(s.SentTo(s.Mentee), c => c.AllText.Contains("Your coordinator has looked at your request", StringComparison.Ordinal));
        Assert.Empty(s.EverythingTo(s.Mentor, mark));
    }
}
