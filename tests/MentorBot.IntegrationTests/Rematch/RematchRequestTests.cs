using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Rematch;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Rematch;

/// <summary>Asking privately for a rematch: the dialog, the promise, one alert for coordinators, and nothing for the partner.</summary>
public sealed class RematchRequestTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public RematchRequestTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Mentor_can_request_a_rematch_and_only_the_coordinators_learn_who_asked()
    {
        await using var s = await RematchScenario.StartAsync(_azurite, withPairChat: true);
        var mark = s.Mark();

        await s.SayAsync(s.Mentor, "rematch");
        var opening = string.Join('\n', s.SentTo(s.Mentor).Where(c => c.Sequence > mark).Select(c => c.AllText));
        Assert.Contains("Mentors and mentees alike can ask", opening, StringComparison.Ordinal);
        Assert.Contains("What is the main reason", opening, StringComparison.Ordinal);
        foreach (var answer in new[] { "communication", RematchScenario.Secret, "urgent" })
        {
            await s.SayAsync(s.Mentor, answer);
        }

        // The promise comes before anything leaves the dialog.
        Assert.Contains(RematchRequestDialog.Promise, s.SentTo(s.Mentor)[^1].AllText, StringComparison.Ordinal);
        Assert.Empty(await s.RequestsAsync());
        Assert.Empty(await s.AlertsAsync());

        await s.SayAsync(s.Mentor, "1");

        var alert = Assert.Single(await s.AlertsAsync());
        Assert.Equal(RematchCoordinatorThread.AlertCause, alert.Cause);
        // The channel may have readers who are not coordinators: who asked and why are in the coordinators' view only.
        var alertCard = Assert.Single(s.InChannel("A rematch was asked for privately"));
        Assert.DoesNotContain("Asked by", alertCard.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(RematchScenario.Secret, alertCard.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Communication isn't working", alertCard.AllText, StringComparison.Ordinal);
        Assert.Contains("Communication isn't working", alert.Details, StringComparison.Ordinal);
        Assert.Contains("Mia Mentor (mentor)", alert.Details, StringComparison.Ordinal);
        Assert.Contains("Urgent", alertCard.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(s.Mentor.Upn), alertCard.AllText, StringComparison.Ordinal);
        var decisions = s.DecisionCard();
        Assert.Equal(alertCard.ConversationId, decisions.ConversationId);
        Assert.DoesNotContain("Asked by", decisions.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(RematchScenario.Secret, decisions.AllText, StringComparison.Ordinal);

        var alertView = (await s.RefreshAsync(alertCard, s.Coordinator)).GetRawText();
        Assert.Contains("Mia Mentor (mentor)", alertView, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(s.Mentor.Upn), alertView, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(s.Mentee.Upn), alertView, StringComparison.Ordinal);
        var decisionView = (await s.RefreshAsync(decisions, s.Coordinator)).GetRawText();
        Assert.Contains("Mia Mentor (mentor)", decisionView, StringComparison.Ordinal);
        Assert.Contains("secret-5e1b", decisionView, StringComparison.Ordinal);
        Assert.Contains(s.Coordinator.TeamsId, decisions.AdaptiveCards[0]["refresh"]!["userIds"]!.ToJsonString(), StringComparison.Ordinal);

        var request = Assert.Single(await s.RequestsAsync());
        Assert.Equal((RematchState.Open, PairRole.Mentor, "communication", "urgent"), (request.State, request.Role, request.Category, request.Urgency));
        Assert.Equal(RematchScenario.Secret, request.Details);
        Assert.Contains("Withdraw my request", s.RequesterCard(s.Mentor).AllText, StringComparison.Ordinal);

        Assert.Empty(s.EverythingTo(s.Mentee, mark));
    }

    [Fact]
    public async Task A_channel_member_who_is_not_a_coordinator_gets_no_view_of_who_asked_or_why()
    {
        await using var s = await RematchScenario.StartAsync(_azurite);
        await s.RequestAsync(s.Mentor);
        var decisions = s.DecisionCard();

        var memberSees = (await s.RefreshAsync(decisions, s.Other)).GetRawText();

        Assert.DoesNotContain("Asked by", memberSees, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-5e1b", memberSees, StringComparison.Ordinal);
        Assert.Contains("Only program coordinators", memberSees, StringComparison.Ordinal);
        Assert.Equal(RematchState.Open, Assert.Single(await s.RequestsAsync()).State);
    }

    [Fact]
    public async Task In_the_pair_chat_rematch_only_suggests_talking_privately()
    {
        await using var s = await RematchScenario.StartAsync(_azurite, withPairChat: true);
        var mark = s.Mark();

        using (await s.Bot.SendAsync(s.Bot.Activities.GroupChatMessage(s.PairChat!, s.Mentor, "rematch")))
        {
        }

        var reply = Assert.Single(s.EverythingTo(s.Mentee, mark));
        Assert.Equal(s.PairChat, reply.ConversationId);
        Assert.Equal(RematchCommand.TalkPrivately, reply.Text);
        Assert.DoesNotContain("rematch", RematchCommand.TalkPrivately, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(s.EverythingTo(s.Mentor, mark), c => c.ConversationId != s.PairChat);
        Assert.Empty(await s.Bot.EntitiesAsync("DialogStates"));
        Assert.Empty(await s.RequestsAsync());
    }

    [Fact]
    public async Task A_second_request_while_one_is_open_raises_nothing_new()
    {
        await using var s = await RematchScenario.StartAsync(_azurite);

        await s.RequestAsync(s.Mentee, "styles", "skip", "soon");
        await s.SayAsync(s.Mentee, "rematch");

        Assert.Equal(RematchSubmission.AlreadyWithCoordinator, s.SentTo(s.Mentee)[^1].Text);
        Assert.Empty(await s.Bot.EntitiesAsync("DialogStates"));
        Assert.Single(await s.RequestsAsync());
        Assert.Single(await s.AlertsAsync());
        Assert.Null(Assert.Single(await s.RequestsAsync()).Details);
    }

    [Fact]
    public async Task Pressing_the_confirmation_twice_stores_one_request_and_raises_one_alert()
    {
        await using var s = await RematchScenario.StartAsync(_azurite);
        foreach (var text in new[] { "rematch", "goals", "skip", "can-wait" })
        {
            await s.SayAsync(s.Mentor, text);
        }

        var confirm = s.SentTo(s.Mentor).Last(c => c.AllText.Contains(RematchRequestDialog.Promise, StringComparison.Ordinal));
        var first = await s.PressAsync(confirm, s.Mentor, PromptCard.AnswerVerb, (PromptCard.AnswerInputId, RematchRequestDialog.SendValue));
        var second = await s.PressAsync(confirm, s.Mentor, PromptCard.AnswerVerb, (PromptCard.AnswerInputId, RematchRequestDialog.SendValue));

        Assert.Contains("Your answer", RematchScenario.Message(first), StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", RematchScenario.Message(second), StringComparison.Ordinal);
        Assert.Single(await s.RequestsAsync());
        Assert.Single(await s.AlertsAsync());
        Assert.Single(s.InChannel("Rematch request: what next?"));
    }

    [Fact]
    public async Task Saying_no_at_the_promise_sends_and_stores_nothing()
    {
        await using var s = await RematchScenario.StartAsync(_azurite);
        var mark = s.Mark();

        foreach (var text in new[] { "rematch", "availability", RematchScenario.Secret, "soon", "2" })
        {
            await s.SayAsync(s.Mentor, text);
        }

        Assert.Contains("haven't sent anything", s.SentTo(s.Mentor)[^1].Text, StringComparison.Ordinal);
        Assert.Empty(await s.RequestsAsync());
        Assert.Empty(await s.AlertsAsync());
        Assert.DoesNotContain(s.Bot.Channel.Calls.Where(c => c.Sequence > mark), c => c.AllText.Contains("secret-5e1b", StringComparison.Ordinal)
            && c.ConversationId != ConversationIds.Personal(s.Mentor.TeamsId));
    }

    [Fact]
    public async Task With_two_pairings_the_requester_chooses_which_one()
    {
        await using var s = await RematchScenario.StartAsync(_azurite);
        var second = await s.RegisterSecondPairAsync();

        await s.SayAsync(s.Mentor, "rematch");
        Assert.Contains("Which pairing is this about?", s.SentTo(s.Mentor)[^1].AllText, StringComparison.Ordinal);
        foreach (var text in new[] { "Nia Newcomer, your mentee", "other", RematchScenario.Secret, "soon", "1" })
        {
            await s.SayAsync(s.Mentor, text);
        }

        var request = Assert.Single(await s.RequestsAsync());
        Assert.Equal(second.PairId, request.PairId);
        Assert.Contains("Nia Newcomer", Assert.Single(s.InChannel("A rematch was asked for privately")).AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_without_a_pairing_is_told_there_is_nothing_to_rematch()
    {
        await using var s = await RematchScenario.StartAsync(_azurite);

        await s.SayAsync(s.Other, "rematch");

        Assert.Contains("not in an active mentoring pairing", s.SentTo(s.Other)[^1].Text, StringComparison.Ordinal);
        Assert.Empty(await s.Bot.EntitiesAsync("DialogStates"));
    }

    [Fact]
    public async Task Rematch_works_while_the_expectations_conversation_is_running()
    {
        await using var s = await RematchScenario.StartAsync(_azurite);
        await s.Bot.RunJobsAsync();

        await s.RequestAsync(s.Mentor);

        Assert.Single(await s.RequestsAsync());
        Assert.Equal(AlertState.Open, Assert.Single(await s.AlertsAsync()).State);
    }
}
