using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Features.Lifecycle;
using MentorBot.Features.Pairs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Lifecycle;

/// <summary>The lifecycle's buttons and follow-ups: the working focus, the midpoint reminder and time-out, and a new planned end.</summary>
public sealed class LifecycleActionsTests : IClassFixture<AzuriteFixture>
{
    private const string WorkingHeading = "You're into the working phase";
    private const string MidpointQuestion = "Half way through";
    private const string Reminder = "your private midpoint reflection is still open";

    private readonly AzuriteFixture _azurite;

    public LifecycleActionsTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static async Task MovePairAsync(LifecycleScenario s, int startedDaysAgo, int lengthDays)
    {
        var pairs = s.Bot.Host.Services.GetRequiredService<PairStore>();
        var stored = (await pairs.GetAsync(s.Pair.TenantId, s.Pair.ProgramId, s.Pair.PairId, default))!.Value;
        var start = DateOnly.FromDateTime(s.Bot.Clock.GetUtcNow().UtcDateTime).AddDays(-startedDaysAgo);
        await pairs.UpdateAsync(stored.Pair with { Start = start, PlannedEnd = start.AddDays(lengthDays) }, stored.ETag, default);
    }

    private static async Task NextDayAsync(LifecycleScenario s)
    {
        s.Bot.Clock.Advance(TimeSpan.FromDays(1));
        await s.Bot.RunJobsAsync();
    }

    private static async Task<string> PressAsync(LifecycleScenario s, RecordedConnectorCall card, TestUser who, string verb, params (string Key, string Value)[] inputs)
    {
        // The button of that verb (a card may start with a link button, which has no data).
        var button = card.AdaptiveCards[0]["actions"]!.AsArray().First(a => a?["verb"]?.GetValue<string>() == verb)!;
        var data = (JsonObject)button["data"]!.DeepClone();
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        using var response = await s.Bot.SendAsync(s.Bot.Activities.CardInvoke(card, who, verb, data));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Entering_working_asks_for_the_focus_which_a_party_sets_once_and_a_stranger_cannot()
    {
        await using var s = await LifecycleScenario.StartAsync(_azurite);
        await s.Bot.RunJobsAsync();
        await MovePairAsync(s, startedDaysAgo: 50, lengthDays: 182);
        await NextDayAsync(s);

        var card = Assert.Single(s.SentTo(s.Mentee), c => c.AllText.Contains(WorkingHeading, StringComparison.Ordinal));
        var stranger = TestUser.Create("Eve Elsewhere");

        // Reverse mentorship at the phase change: the mentor, and only the mentor, is asked once what they learn.
        await NextDayAsync(s);
        Assert.Equal(1, s.CountSentTo(s.Mentor, "What are you learning from your mentee?"));
        Assert.Equal(0, s.CountSentTo(s.Mentee, "What are you learning from your mentee?"));

        var refused = await PressAsync(s, card, stranger, RedesignCard.FocusVerb, (RedesignCard.FocusInput, "Eve's focus"));
        var saved = await PressAsync(s, card, s.Mentee, RedesignCard.FocusVerb, (RedesignCard.FocusInput, "Negotiating renewals with large clients"));
        var again = await PressAsync(s, card, s.Mentor, RedesignCard.FocusVerb, (RedesignCard.FocusInput, "Something else"));

        Assert.Contains("Only the mentor and the mentee", refused, StringComparison.Ordinal);
        Assert.Contains("Negotiating renewals", saved, StringComparison.Ordinal);
        Assert.Contains("already", again, StringComparison.OrdinalIgnoreCase);
        var pair = await s.StoredPairAsync();
        Assert.Equal(PairStage.Working, pair.Stage);
        Assert.Equal("Negotiating renewals with large clients", pair.Focus);
    }

    [Fact]
    public async Task A_party_who_does_not_reflect_at_the_midpoint_is_reminded_once_then_the_coordinator_is_told_who()
    {
        await using var s = await LifecycleScenario.StartAsync(_azurite);
        await s.Bot.RunJobsAsync();
        await MovePairAsync(s, startedDaysAgo: 90, lengthDays: 182);
        await NextDayAsync(s);
        Assert.Equal(1, s.CountSentTo(s.Mentee, MidpointQuestion));
        foreach (var answer in new[] { "Our rhythm works", "Too little time for practice", "4", "no" })
        {
            await s.SayAsync(s.Mentor, answer);
        }

        for (var day = 1; day <= 8; day++)
        {
            await NextDayAsync(s);
        }

        Assert.Equal(1, s.CountSentTo(s.Mentee, Reminder));
        Assert.Equal(0, s.CountSentTo(s.Mentor, Reminder));
        var alert = Assert.Single(await s.AlertsAsync(), a => a.Cause == MidpointCoordinator.AlertCause);
        Assert.Contains($"no answer from {s.Mentee.Name}", alert.Reason, StringComparison.Ordinal);
        Assert.Contains("Too little time for practice", alert.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_both_continue_only_a_coordinator_can_set_the_new_planned_end()
    {
        await using var s = await LifecycleScenario.StartAsync(_azurite);
        await s.SayAsync(s.Mentor, "end or continue");
        await s.SayAsync(s.Mentor, "1");
        await s.SayAsync(s.Mentee, "1");

        var card = Assert.Single(s.Bot.Channel.ActivitiesSentTo(s.Channel), c => c.AllText.Contains("A pair chose to continue", StringComparison.Ordinal));
        var byMentor = await PressAsync(s, card, s.Mentor, ContinueCard.NewEndVerb, (ContinueCard.DateInputId, "2030-01-31"));
        Assert.Contains("Only program coordinators", byMentor, StringComparison.Ordinal);
        Assert.NotEqual(new DateOnly(2030, 1, 31), (await s.StoredPairAsync()).PlannedEnd);

        var set = await PressAsync(s, card, s.Coordinator, ContinueCard.NewEndVerb, (ContinueCard.DateInputId, "2030-01-31"));

        Assert.Contains("2030-01-31", set, StringComparison.Ordinal);
        var pair = await s.StoredPairAsync();
        Assert.Equal(new DateOnly(2030, 1, 31), pair.PlannedEnd);
        Assert.False(pair.IsClosed);
        Assert.DoesNotContain(await s.AlertsAsync(), a => a.Cause == EndOrContinueDecision.AlertCause);
    }

    [Fact]
    public async Task After_the_midpoint_a_pair_at_risk_is_asked_end_or_continue_once()
    {
        await using var s = await LifecycleScenario.StartAsync(_azurite);
        await s.Bot.RunJobsAsync();
        await MovePairAsync(s, startedDaysAgo: 100, lengthDays: 182);
        await NextDayAsync(s);
        Assert.Equal(0, s.CountSentTo(s.Mentee, EndOrContinueQuestion));

        await s.Bot.RecordMeetingAsync(await s.StoredPairAsync(), "meeting-x");
        await s.Bot.Host.Services.GetRequiredService<MentorBot.Features.CheckIns.CheckInSender>()
            .SendAsync(await s.StoredPairAsync(), s.Program, "meeting-x", s.Bot.Clock.GetUtcNow(), default);
        var checkIn = s.SentTo(s.Mentee).Last(c => c.AllText.Contains("Quick check-in", StringComparison.Ordinal));
        await PressAsync(s, checkIn, s.Mentee, MentorBot.Features.CheckIns.CheckInCard.AnswerVerb,
            ("structure", "not"), ("needs", "no"), ("differently", "no"));

        await NextDayAsync(s);
        await NextDayAsync(s);

        Assert.Equal(1, s.CountSentTo(s.Mentor, EndOrContinueQuestion));
        Assert.Equal(1, s.CountSentTo(s.Mentee, EndOrContinueQuestion));
    }

    private const string EndOrContinueQuestion = "Have we accomplished what we set out to accomplish?";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_coordinator_gets_the_midpoint_meeting_created_through_graph_where_permitted_and_a_link_otherwise(bool permitted)
    {
        await using var s = await LifecycleScenario.StartAsync(_azurite, new Dictionary<string, string> { ["Graph:CreateMeetings"] = permitted ? "true" : "false" });
        string? postedBody = null;
        s.Bot.Graph.Map("POST", "/users/[^/]+/events", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            postedBody = await reader.ReadToEndAsync();
            await MentorBot.Testing.GraphStandIn.WriteJsonAsync(context, 201, new JsonObject
            {
                ["id"] = "created-1",
                ["onlineMeeting"] = new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/midpoint-123" },
            });
        });
        await s.Bot.RunJobsAsync();
        await MovePairAsync(s, startedDaysAgo: 90, lengthDays: 182);
        await NextDayAsync(s);
        foreach (var (user, answers) in new[] { (s.Mentor, new[] { "Rhythm", "Time", "4", "yes" }), (s.Mentee, new[] { "Advice", "Focus", "3", "yes" }) })
        {
            foreach (var reply in answers)
            {
                await s.SayAsync(user, reply);
            }
        }

        var card = Assert.Single(s.Bot.Channel.ActivitiesSentTo(s.Channel), c => c.AllText.Contains("Midpoint: what next?", StringComparison.Ordinal));
        var byMentor = await PressAsync(s, card, s.Mentor, MidpointFacilitationCard.ScheduleVerb);
        Assert.Contains("Only program coordinators", byMentor, StringComparison.Ordinal);
        Assert.Null(postedBody);

        var answer = await PressAsync(s, card, s.Coordinator, MidpointFacilitationCard.ScheduleVerb);

        if (permitted)
        {
            Assert.Contains("https://teams.microsoft.com/l/meetup-join/midpoint-123", answer, StringComparison.Ordinal);
            Assert.Contains(s.Mentor.Upn, postedBody, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(s.Mentee.Upn, postedBody, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("teamsForBusiness", postedBody, StringComparison.Ordinal);
            Assert.Contains($"/users/{s.Coordinator.AadObjectId}/events", string.Join(" ", s.Bot.Graph.Requests.Select(r => r.Path)), StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Contains("I may not create meetings", answer, StringComparison.Ordinal);
            Assert.Null(postedBody);
        }
    }
}
