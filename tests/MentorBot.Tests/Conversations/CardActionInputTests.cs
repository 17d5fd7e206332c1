using System.Text.Json;
using MentorBot.Conversations;
using MentorBot.Protocol.Schema;

namespace MentorBot.Tests.Conversations;

public sealed class CardActionInputTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void An_action_execute_invoke_gives_its_verb_and_data()
    {
        var activity = new Activity
        {
            Type = "invoke",
            Name = "adaptiveCard/action",
            Value = Json("""{"action":{"type":"Action.Execute","verb":"checkin.answer","data":{"pair":"p1","answer":"working"}},"trigger":"manual"}"""),
        };

        var action = CardActionInput.From(activity)!;

        Assert.True(action.IsInvoke);
        Assert.Equal("checkin.answer", action.Verb);
        Assert.Equal("working", action.Get("answer"));
    }

    [Fact]
    public void A_classic_submit_gives_the_verb_from_its_data()
    {
        var activity = new Activity { Type = "message", Value = Json("""{"verb":"checkin.answer","answer":"not"}""") };

        var action = CardActionInput.From(activity)!;

        Assert.False(action.IsInvoke);
        Assert.Equal("checkin.answer", action.Verb);
        Assert.Equal("not", action.Get("answer"));
    }

    [Fact]
    public void Other_invokes_and_plain_messages_are_not_card_actions()
    {
        Assert.Null(CardActionInput.From(new Activity { Type = "invoke", Name = "task/fetch", Value = Json("{}") }));
        Assert.Null(CardActionInput.From(new Activity { Type = "message", Text = "help" }));
        Assert.Null(CardActionInput.From(new Activity { Type = "message", Value = Json("""{"other":1}""") }));
    }
}
