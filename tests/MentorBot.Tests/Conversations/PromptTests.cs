using MentorBot.Cards;
using MentorBot.Conversations.Dialogs;

namespace MentorBot.Tests.Conversations;

public sealed class PromptTests
{
    private static readonly ChoicePrompt Frequency = new("How often?",
        [new Choice("Weekly", "weekly"), new Choice("Every two weeks", "biweekly"), new Choice("Monthly", "monthly")]);

    [Theory]
    [InlineData("2", "biweekly")]
    [InlineData("monthly", "monthly")]
    [InlineData("Every Two Weeks", "biweekly")]
    [InlineData("  weekly ", "weekly")]
    public void A_choice_can_be_typed_as_its_number_value_or_title(string typed, string expected)
    {
        var result = Frequency.Recognize(typed);

        Assert.True(result.IsAccepted);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("daily")]
    [InlineData("4")]
    [InlineData("weekly, monthly")]
    [InlineData("")]
    public void An_answer_that_is_not_one_choice_is_rejected_with_a_reason(string typed)
    {
        var result = Frequency.Recognize(typed);

        Assert.False(result.IsAccepted);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem));
    }

    [Fact]
    public void A_multiple_choice_accepts_several_without_repeats_and_reads_back_titles()
    {
        var modes = new ChoicePrompt("How?", [new Choice("Teams chat", "chat"), new Choice("Video call", "video"), new Choice("In person", "inperson")])
        {
            AllowMultiple = true,
        };

        var result = modes.Recognize("1, in person, chat");

        Assert.Equal("chat,inperson", result.Value);
        Assert.Equal("Teams chat, In person", modes.Display(result.Value!));
    }

    [Fact]
    public void A_text_prompt_requires_an_answer_unless_optional_and_applies_its_validator()
    {
        var required = new TextPrompt("Goal?", text => text.Length < 5 ? "A few more words, please." : null);
        var optional = new TextPrompt("Anything else?") { IsOptional = true };

        Assert.False(required.Recognize("   ").IsAccepted);
        Assert.Equal("A few more words, please.", required.Recognize("grow").Problem);
        Assert.Equal("Lead a team", required.Recognize(" Lead a team ").Value);
        Assert.Equal(string.Empty, optional.Recognize("skip").Value);
        Assert.False(required.Recognize(new string('x', TextPrompt.DefaultMaxLength + 1)).IsAccepted);
    }
}
