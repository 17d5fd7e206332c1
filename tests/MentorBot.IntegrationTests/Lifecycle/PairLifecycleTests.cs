using MentorBot.Features.Lifecycle;
using MentorBot.Features.Pairs;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Lifecycle;

/// <summary>A pair's life driven day by day with the injected clock: phases, the private midpoint, "end or continue?" and closure.</summary>
public sealed class PairLifecycleTests : IClassFixture<AzuriteFixture>
{
    private const string WorkingHeading = "You're into the working phase";
    private const string TransitionHeading = "Approaching the end of the formal relationship";
    private const string MidpointQuestion = "Half way through";
    private const string EndOrContinueQuestion = "Have we accomplished what we set out to accomplish?";
    private const string MentorSecret = "Mia-private-midpoint-7f3a";
    private const string MenteeSecret = "Max-private-midpoint-c91d";

    private readonly AzuriteFixture _azurite;

    public PairLifecycleTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Six_month_pair_moves_through_each_phase_once_on_its_day_and_nothing_is_sent_after_it_concludes()
    {
        await using var s = await LifecycleScenario.StartAsync(_azurite);
        var firstSeen = new Dictionary<string, int>();
        void Note(int day)
        {
            foreach (var text in new[] { WorkingHeading, TransitionHeading, MidpointQuestion, EndOrContinueQuestion })
            {
                if (!firstSeen.ContainsKey(text) && s.CountSentTo(s.Mentee, text) > 0)
                {
                    firstSeen[text] = day;
                }
            }
        }

        await s.Bot.RunJobsAsync();
        for (var day = 1; day <= 182; day++)
        {
            s.Bot.Clock.Advance(TimeSpan.FromDays(1));
            if (day % 7 == 0)
            {
                await s.LogMeetingAsync();
            }

            await s.Bot.RunJobsAsync();
            Note(day);
            if (day == 91)
            {
                await ReflectAtMidpointAsync(s);
            }
        }

        // Three meetings by day 21 (before the six-week mark), the midpoint at half of 182 days, the last 15 % is Transition.
        Assert.Equal(21, firstSeen[WorkingHeading]);
        Assert.Equal(91, firstSeen[MidpointQuestion]);
        Assert.Equal(155, firstSeen[TransitionHeading]);
        Assert.Equal(182, firstSeen[EndOrContinueQuestion]);
        foreach (var text in new[] { WorkingHeading, TransitionHeading, EndOrContinueQuestion })
        {
            Assert.Equal(1, s.CountSentTo(s.Mentor, text));
            Assert.Equal(1, s.CountSentTo(s.Mentee, text));
        }

        Assert.Equal(PairStage.Transition, (await s.StoredPairAsync()).Stage);

        // Both conclude, privately: the first answer reaches nobody else.
        var mark = s.Mark();
        await s.SayAsync(s.Mentor, "2");
        Assert.Empty(s.EverythingTo(s.Mentee, mark));
        await s.SayAsync(s.Mentee, "2");

        var closed = await s.StoredPairAsync();
        Assert.True(closed.IsClosed);
        Assert.Equal("completed", closed.ClosedReason);
        foreach (var user in new[] { s.Mentor, s.Mentee })
        {
            Assert.Equal(1, s.CountSentTo(user, "What did you gain from this mentoring relationship?"));
            var shared = Assert.Single(s.SentTo(user), c => c.AllText.Contains("What you set out to do, and what you did", StringComparison.Ordinal));
            Assert.Contains(LifecycleScenario.MentorCriteria, shared.AllText, StringComparison.Ordinal);
            Assert.Contains(LifecycleScenario.MenteeCriteria, shared.AllText, StringComparison.Ordinal);
        }

        var before = (s.SentTo(s.Mentor).Count, s.SentTo(s.Mentee).Count);
        for (var day = 1; day <= 30; day++)
        {
            s.Bot.Clock.Advance(TimeSpan.FromDays(1));
            await s.Bot.RunJobsAsync();
        }

        Assert.Equal(before, (s.SentTo(s.Mentor).Count, s.SentTo(s.Mentee).Count));
        Assert.Single(await s.AlertsAsync(), a => a.Cause == MidpointCoordinator.AlertCause);
    }

    /// <summary>Both reflect privately; neither's text reaches the other, and coordinators get one alert with both.</summary>
    private static async Task ReflectAtMidpointAsync(LifecycleScenario s)
    {
        var mark = s.Mark();
        foreach (var answer in new[] { $"{MentorSecret} works", $"{MentorSecret} does not", "2", "yes" })
        {
            await s.SayAsync(s.Mentor, answer);
        }

        Assert.DoesNotContain(s.EverythingTo(s.Mentee, mark), c => c.AllText.Contains(MentorSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(await s.AlertsAsync(), a => a.Cause == MidpointCoordinator.AlertCause);

        mark = s.Mark();
        foreach (var answer in new[] { $"{MenteeSecret} works", $"{MenteeSecret} does not", "4", "no" })
        {
            await s.SayAsync(s.Mentee, answer);
        }

        Assert.DoesNotContain(s.EverythingTo(s.Mentor, mark), c => c.AllText.Contains(MenteeSecret, StringComparison.Ordinal));
        var alert = Assert.Single(await s.AlertsAsync(), a => a.Cause == MidpointCoordinator.AlertCause);
        Assert.Contains(MentorSecret, alert.Details, StringComparison.Ordinal);
        Assert.Contains(MenteeSecret, alert.Details, StringComparison.Ordinal);
        var facilitation = Assert.Single(s.Bot.Channel.ActivitiesSentTo(s.Channel), c => c.AllText.Contains("Midpoint: what next?", StringComparison.Ordinal));
        Assert.Contains("https://teams.microsoft.com/l/meeting/new?", facilitation.Activity!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asked_by_one_party_answered_differently_raises_exactly_one_alert_and_neither_learns_the_other_answer()
    {
        await using var s = await LifecycleScenario.StartAsync(_azurite);
        await s.SayAsync(s.Mentee, "end or continue");
        Assert.Equal(1, s.CountSentTo(s.Mentor, EndOrContinueQuestion));
        Assert.Equal(1, s.CountSentTo(s.Mentee, EndOrContinueQuestion));

        var mark = s.Mark();
        await s.SayAsync(s.Mentor, "1");
        Assert.Empty(s.EverythingTo(s.Mentee, mark));

        mark = s.Mark();
        await s.SayAsync(s.Mentee, "2");
        await s.SayAsync(s.Mentee, "2");

        Assert.DoesNotContain(s.EverythingTo(s.Mentor, mark), c => c.AllText.Contains("conclude", StringComparison.OrdinalIgnoreCase));
        var alert = Assert.Single(await s.AlertsAsync());
        Assert.Equal(EndOrContinueDecision.AlertCause, alert.Cause);
        Assert.Contains("(mentor): continue", alert.Details, StringComparison.Ordinal);
        Assert.Contains("(mentee): conclude", alert.Details, StringComparison.Ordinal);
        Assert.False((await s.StoredPairAsync()).IsClosed);
    }
}
