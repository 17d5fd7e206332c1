using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Rematch;

namespace MentorBot.Tests.Rematch;

public sealed class RematchRulesTests
{
    [Fact]
    public void Do_not_pair_again_is_the_same_record_in_either_order_and_any_case()
    {
        var a = "8C5E6F1A-2B3D-4E5F-9A8B-7C6D5E4F3A2B";
        var b = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9";

        Assert.Equal(RematchHistory.KeyFor("tenant", a, b), RematchHistory.KeyFor("tenant", b.ToUpperInvariant(), a.ToLowerInvariant()));
        Assert.NotEqual(RematchHistory.KeyFor("tenant", a, b), RematchHistory.KeyFor("other-tenant", a, b));
        Assert.NotEqual(RematchHistory.KeyFor("tenant", a, b), RematchHistory.KeyFor("tenant", a, "someone-else"));
    }

    [Fact]
    public void The_nth_request_of_a_person_about_a_pair_always_has_the_same_id()
    {
        Assert.Equal(RematchRequest.IdFor("pair-1", "ABC", 0), RematchRequest.IdFor("pair-1", "abc", 0));
        Assert.NotEqual(RematchRequest.IdFor("pair-1", "abc", 0), RematchRequest.IdFor("pair-1", "abc", 1));
        Assert.NotEqual(RematchRequest.IdFor("pair-1", "abc", 0), RematchRequest.IdFor("pair-2", "abc", 0));
    }

    [Fact]
    public void The_answer_in_a_group_chat_says_nothing_about_a_rematch()
    {
        Assert.DoesNotContain("rematch", RematchCommand.TalkPrivately, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("match", RematchCommand.TalkPrivately, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_dialog_asks_which_pairing_only_when_there_are_several_and_always_ends_with_the_promise()
    {
        var dialog = new RematchRequestDialog(null!);
        DialogState With(params RematchPairChoice[] pairs) => new()
        {
            Options = new(StringComparer.Ordinal) { [RematchPairChoice.OptionKey] = RematchPairChoice.Serialize(pairs) },
        };

        var one = dialog.Steps(With(new RematchPairChoice("p", "pair-1", "Max Mentee, your mentee")));
        var two = dialog.Steps(With(new RematchPairChoice("p", "pair-1", "Max"), new RematchPairChoice("p", "pair-2", "Nia")));

        Assert.Equal(["category", "details", "urgency", "confirm"], one.Select(s => s.Key));
        Assert.Equal(["pair", "category", "details", "urgency", "confirm"], two.Select(s => s.Key));
        Assert.StartsWith(RematchRequestDialog.Promise, one[^1].Prompt.Question, StringComparison.Ordinal);
        Assert.True(one[1].Prompt.IsOptional);
    }

    [Theory]
    [InlineData("styles", "Our working styles don't fit")]
    [InlineData("communication", "Communication isn't working")]
    [InlineData("unknown", "unknown")]
    public void Categories_read_back_as_their_titles(string value, string title) => Assert.Equal(title, RematchReasons.CategoryText(value));
}
