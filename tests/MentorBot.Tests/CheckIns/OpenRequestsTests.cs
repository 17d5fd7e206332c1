using MentorBot.Features.CheckIns;

namespace MentorBot.Tests.CheckIns;

public sealed class OpenRequestsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static CheckInAnswer Answer(int meeting, string person = "mia", string? need = null, string? differently = null, params CheckInFollowUp[] followUps) => new()
    {
        TenantId = "t",
        PairId = "p",
        MeetingKey = $"m{meeting}",
        PersonId = person,
        Role = person == "mia" ? "mentee" : "mentor",
        Structure = CheckInRating.WorkingWell,
        Need = need is null ? null : new CheckInRequest(need),
        Differently = differently is null ? null : new CheckInRequest(differently),
        FollowUps = followUps,
        AnsweredAt = Start.AddDays(7 * meeting),
    };

    private static CheckInFollowUp About(int meeting, FollowUpOutcome outcome, RequestKind kind = RequestKind.Need) => new(kind, $"m{meeting}", outcome);

    [Fact]
    public void A_request_is_open_until_a_follow_up_says_it_happened()
    {
        var asked = Answer(1, need: "more time on system design");

        Assert.Equal([new OpenRequest(RequestKind.Need, "m1", "more time on system design", false, 0)], OpenRequests.Of("mia", [asked]));
        Assert.Empty(OpenRequests.Of("mia", [asked, Answer(2, followUps: About(1, FollowUpOutcome.Yes))]));
    }

    [Fact]
    public void No_twice_makes_it_stuck_partly_counts_as_not_yet()
    {
        var asked = Answer(1, need: "more time on system design");
        var once = Answer(2, followUps: About(1, FollowUpOutcome.No));
        var twice = Answer(3, followUps: About(1, FollowUpOutcome.Partly));

        Assert.False(OpenRequests.Of("mia", [asked, once]).Single().IsStuck);
        Assert.True(OpenRequests.Of("mia", [asked, once, twice]).Single().IsStuck);
    }

    [Fact]
    public void A_newer_request_of_the_same_kind_replaces_the_older_and_saying_no_to_the_question_leaves_it_open()
    {
        var first = Answer(1, need: "more time on system design", differently: "send the agenda a day before");
        var second = Answer(2, need: "a code review together", followUps: About(1, FollowUpOutcome.No));

        var open = OpenRequests.Of("mia", [first, second]);
        Assert.Equal(["a code review together", "send the agenda a day before"], open.Select(r => r.Text));
        Assert.Equal(0, open[0].Misses);

        // "No, nothing new" to the question is not "it happened": the request stays open, with the follow-up's miss.
        var third = Answer(3, followUps: About(2, FollowUpOutcome.No));
        Assert.Equal([1, 0], OpenRequests.Of("mia", [first, second, third]).Select(r => r.Misses));
    }

    [Fact]
    public void Only_the_persons_own_answers_and_follow_ups_about_the_current_request_count()
    {
        var asked = Answer(1, need: "more time on system design");
        var partner = Answer(2, person: "alex", need: "notes after each meeting");
        var staleFollowUp = Answer(2, followUps: About(0, FollowUpOutcome.No));

        var open = OpenRequests.Of("mia", [asked, partner, staleFollowUp]);
        Assert.Equal(0, open.Single().Misses);
        Assert.Equal("notes after each meeting", OpenRequests.Of("ALEX", [asked, partner]).Single().Text);
    }
}
