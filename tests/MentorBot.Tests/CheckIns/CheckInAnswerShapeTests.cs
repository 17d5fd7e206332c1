using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Features.CheckIns;

namespace MentorBot.Tests.CheckIns;

public sealed class CheckInAnswerShapeTests
{
    // The JSON an answer was stored as before the "No / Yes — what?" questions (enums as numbers).
    private static JsonObject OldAnswer(int needs, int differently) => JsonNode.Parse($$"""
        {"TenantId":"t","PairId":"p","MeetingKey":"m","PersonId":"u","Role":"mentee","Structure":1,"Needs":{{needs}},"Differently":{{differently}},
         "Note":"kept","KeepPrivate":true,"WantsCoordinatorHelp":false,"AnsweredAt":"2026-01-05T10:00:00+00:00"}
        """)!.AsObject();

    [Fact]
    public void Working_well_becomes_no_and_the_other_ratings_a_yes_without_words()
    {
        var json = OldAnswer(needs: 0, differently: 2);

        Assert.True(CheckInAnswerShape.Upgrade(json));
        var answer = json.Deserialize<CheckInAnswer>()!;

        Assert.Null(answer.Need);
        Assert.Equal(new CheckInRequest(null), answer.Differently);
        Assert.Equal(CheckInRating.CouldBeBetter, answer.Structure);
        Assert.Equal("kept", answer.Note);
        Assert.True(answer.KeepPrivate);
        Assert.Empty(answer.FollowUps);
    }

    [Fact]
    public void Could_be_better_on_needs_is_a_yes()
    {
        var json = OldAnswer(needs: 1, differently: 0);
        CheckInAnswerShape.Upgrade(json);

        var answer = json.Deserialize<CheckInAnswer>()!;
        Assert.NotNull(answer.Need);
        Assert.Null(answer.Differently);
    }

    [Fact]
    public void An_answer_in_the_new_shape_is_left_as_it_is()
    {
        var answer = new CheckInAnswer
        {
            TenantId = "t", PairId = "p", MeetingKey = "m", PersonId = "u", Role = "mentor", Structure = CheckInRating.WorkingWell,
            Need = new CheckInRequest("more time on system design"), Differently = null,
        };
        var json = JsonSerializer.SerializeToNode(answer)!.AsObject();
        var before = json.ToJsonString();

        Assert.False(CheckInAnswerShape.Upgrade(json));
        Assert.Equal(before, json.ToJsonString());
        Assert.Equal(answer.Need, json.Deserialize<CheckInAnswer>()!.Need);
    }

    [Fact]
    public void Migrated_requests_have_no_words_to_follow_up()
    {
        var json = OldAnswer(needs: 2, differently: 2);
        CheckInAnswerShape.Upgrade(json);

        Assert.Empty(OpenRequests.Of("u", [json.Deserialize<CheckInAnswer>()!]));
    }
}
