using System.Text.Json;
using MentorBot.Cards;
using MentorBot.Features.Pairs;
using MentorBot.Features.Rematch;

namespace MentorBot.Tests.Rematch;

public sealed class RematchCardTests
{
    private static RematchRequest Request(RematchState state = RematchState.Open) => new()
    {
        TenantId = "tenant",
        ProgramId = "sales",
        PairId = "pair-1",
        RequestId = "request-1",
        RequesterId = "mia-id",
        RequesterName = "Mia Mentor",
        RequesterUpn = "mia@contoso.test",
        Role = PairRole.Mentor,
        PairDescription = "Mia Mentor (mentor) and Max Mentee (mentee)",
        Category = "communication",
        Details = "secret-detail",
        Urgency = "urgent",
        State = state,
        DecidedBy = state is RematchState.Open or RematchState.Withdrawn ? null : "Cora Coordinator",
    };

    private static string Json(AdaptiveCard card) => CardJson.Serialize(card);

    private static List<string> Verbs(AdaptiveCard card) =>
        (card.Actions ?? []).OfType<ExecuteAction>().Select(a => a.Verb).ToList();

    [Fact]
    public void Coordinators_see_who_asked_why_and_can_keep_end_or_chat_while_it_is_open()
    {
        var card = RematchCoordinatorCard.Create(Request(), ["29:cora"], forCoordinator: true);

        var json = Json(card);
        Assert.Contains("Mia Mentor (mentor)", json, StringComparison.Ordinal);
        Assert.Contains("secret-detail", json, StringComparison.Ordinal);
        Assert.Equal([RematchCoordinatorCard.KeepVerb, RematchCoordinatorCard.EndVerb], Verbs(card));
        Assert.Contains(card.Actions!, a => a is OpenUrlAction { Title: "Chat with the mentor" });
    }

    [Fact]
    public void The_channel_sees_the_request_without_who_asked_or_why_and_coordinators_get_their_view_by_refresh()
    {
        var card = RematchCoordinatorCard.Create(Request(), ["29:cora"]);

        var json = Json(card);
        Assert.DoesNotContain("Asked by", json, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-detail", json, StringComparison.Ordinal);
        Assert.DoesNotContain(card.Actions!, a => a is OpenUrlAction);
        Assert.Equal(RematchCoordinatorCard.ViewVerb, ((ExecuteAction)card.Refresh!.Action).Verb);
        Assert.Equal(["29:cora"], card.Refresh.UserIds);
        Assert.Equal([RematchCoordinatorCard.KeepVerb, RematchCoordinatorCard.EndVerb], Verbs(card));
    }

    [Theory]
    [InlineData(RematchState.Kept, "Kept by Cora Coordinator")]
    [InlineData(RematchState.Rematched, "Ended and rematched by Cora Coordinator")]
    [InlineData(RematchState.Withdrawn, "Withdrawn by the requester")]
    public void A_decided_request_shows_the_outcome_and_offers_no_buttons(RematchState state, string shown)
    {
        var card = RematchCoordinatorCard.Create(Request(state), [], forCoordinator: true);

        Assert.Null(card.Actions);
        Assert.Contains(shown, Json(card), StringComparison.Ordinal);
    }

    [Fact]
    public void The_requester_can_withdraw_only_while_it_is_open_and_the_button_is_for_them()
    {
        var open = RematchRequestCard.Create(Request(), "Max Mentee");
        var kept = RematchRequestCard.Create(Request(RematchState.Kept), "Max Mentee");

        var withdraw = Assert.IsType<ExecuteAction>(Assert.Single(open.Actions!));
        Assert.Equal(RematchRequestCard.WithdrawVerb, withdraw.Verb);
        Assert.Equal("mia-id", withdraw.Data["for"]!.GetValue<string>());
        Assert.Contains("be told who asked or why", Json(open), StringComparison.Ordinal);
        Assert.Null(kept.Actions);
        Assert.Contains("continues", Json(kept), StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_of_people_needing_a_new_match_names_both_with_their_roles()
    {
        var pair = new Pair
        {
            TenantId = "tenant",
            ProgramId = "sales",
            PairId = "pair-1",
            Mentor = new Person("mia-id", "Mia Mentor", null, null),
            Mentee = new Person("max-id", "Max Mentee", null, null),
            Start = new DateOnly(2027, 1, 4),
            PlannedEnd = new DateOnly(2027, 7, 5),
        };

        using var json = JsonDocument.Parse(Json(RematchCoordinatorCard.NeedsNewMatch(pair, "Sales mentoring")));
        var facts = json.RootElement.GetProperty("body").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "FactSet").GetProperty("facts")
            .EnumerateArray().Select(f => (f.GetProperty("title").GetString(), f.GetProperty("value").GetString())).ToList();
        Assert.Equal([("Mia Mentor", "mentor"), ("Max Mentee", "mentee")], facts);
    }
}
