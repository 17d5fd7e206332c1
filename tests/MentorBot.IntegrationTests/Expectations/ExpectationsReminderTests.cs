using System.Text.Json.Nodes;
using MentorBot.Features.Escalations;
using MentorBot.Features.Expectations;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Expectations;

public sealed class ExpectationsReminderTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public ExpectationsReminderTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static List<RecordedConnectorCall> Alerts(PairScenario pair) =>
        pair.Bot.Channel.ActivitiesSentTo(pair.Channel).Where(c => c.AllText.Contains("Expectations not finished", StringComparison.Ordinal)).ToList();

    private static async Task AdvanceToDayAsync(PairScenario pair, DateTimeOffset start, double day)
    {
        pair.Bot.Clock.SetUtcNow(start.AddDays(day));
        await pair.Bot.RunJobsAsync();
    }

    [Fact]
    public async Task Only_the_party_who_has_not_finished_is_reminded_on_days_3_and_7_then_one_alert_reaches_the_coordinators()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        var start = pair.Bot.Clock.GetUtcNow();
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers);
        var mentorMessages = pair.SentTo(pair.Mentor).Count;
        var menteeMessages = pair.SentTo(pair.Mentee).Count;

        await AdvanceToDayAsync(pair, start, 2.9);
        Assert.Equal(menteeMessages, pair.SentTo(pair.Mentee).Count);

        await AdvanceToDayAsync(pair, start, 3.1);
        var firstReminder = pair.SentTo(pair.Mentee)[^1];
        Assert.Equal(menteeMessages + 1, pair.SentTo(pair.Mentee).Count);
        Assert.Contains("gentle reminder", firstReminder.Text, StringComparison.Ordinal);
        Assert.Contains("What do you want to learn or achieve", firstReminder.AllText, StringComparison.Ordinal);

        // The reminder carries the question the mentee is at, and answering it works.
        await pair.PressAsync(firstReminder, pair.Mentee, "dialog.answer", ("answer", "Lead design reviews"));
        menteeMessages = pair.SentTo(pair.Mentee).Count;

        await AdvanceToDayAsync(pair, start, 7.1);
        Assert.Equal(menteeMessages + 1, pair.SentTo(pair.Mentee).Count);
        Assert.Contains("specific skill gap", pair.SentTo(pair.Mentee)[^1].AllText, StringComparison.Ordinal);
        Assert.Equal(mentorMessages, pair.SentTo(pair.Mentor).Count);
        Assert.Empty(Alerts(pair));

        await AdvanceToDayAsync(pair, start, 14.1);
        await pair.Bot.RunJobsAsync();
        var alert = Assert.Single(Alerts(pair));
        Assert.Contains("Expectations not finished after 14 days", alert.AllText, StringComparison.Ordinal);
        // Who has not finished is in the coordinators' own view (the card's refresh), not in what the whole channel sees.
        Assert.Contains("shown to the program's coordinators only", alert.AllText, StringComparison.Ordinal);
        var details = Assert.Single(await pair.Bot.EntitiesAsync("Alerts")).GetString("Alert");
        Assert.Contains("Not finished yet: Max Mentee (mentee)", details, StringComparison.Ordinal);
        Assert.DoesNotContain("Mia Mentor (mentor).", details, StringComparison.Ordinal);
        Assert.Equal(mentorMessages, pair.SentTo(pair.Mentor).Count);

        var data = new JsonObject { ["program"] = pair.Program.ProgramId, ["alert"] = EscalationAlerts.IdFor(ExpectationsOverdueJob.CauseKey(pair.Pair.PairId)) };
        using (await pair.Bot.SendAsync(pair.Bot.Activities.CardInvoke(alert, pair.Coordinator, AlertCard.AcknowledgeVerb, data)))
        {
        }

        var update = Assert.Single(pair.Bot.Channel.Calls, c => c.Method == "PUT" && c.ActivityId == alert.MessageId);
        Assert.Contains("Acknowledged by Cora Coordinator", update.AllText, StringComparison.Ordinal);
        Assert.Single(await pair.Bot.EntitiesAsync("Alerts"));
    }

    [Fact]
    public async Task A_pair_that_finished_gets_no_reminder_and_no_alert()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        var start = pair.Bot.Clock.GetUtcNow();
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers);
        await pair.AnswerAllByTypingAsync(pair.Mentee, PairScenario.MenteeTypedAnswers);
        var sent = pair.Bot.Channel.Calls.Count;

        await AdvanceToDayAsync(pair, start, 15);

        Assert.Equal(sent, pair.Bot.Channel.Calls.Count);
        Assert.Empty(await pair.Bot.EntitiesAsync("Alerts"));
    }

    [Fact]
    public async Task A_closed_pair_gets_no_reminder_and_no_alert()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        var start = pair.Bot.Clock.GetUtcNow();
        await pair.ClosePairAsync();
        var sent = pair.Bot.Channel.Calls.Count;

        await AdvanceToDayAsync(pair, start, 15);

        Assert.Equal(sent, pair.Bot.Channel.Calls.Count);
        Assert.Empty(await pair.Bot.EntitiesAsync("Alerts"));
    }
}
