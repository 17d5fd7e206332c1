using MentorBot.Conversations;
using Moq;

namespace MentorBot.Tests.Conversations;

public sealed class CommandRouterTests
{
    private static ICommand Command(string name, params string[] aliases)
    {
        var command = new Mock<ICommand>();
        command.SetupGet(c => c.Info).Returns(new CommandInfo(name, name, CommandScopes.All) { Aliases = aliases });
        return command.Object;
    }

    [Theory]
    [InlineData("help", "help", "")]
    [InlineData("HELP me", "help", "me")]
    [InlineData("check in", "check in", "")]
    [InlineData("check in phone call yesterday", "check in", "phone call yesterday")]
    [InlineData("checkin", "check in", "")]
    [InlineData("check", "check", "")]
    public void The_longest_command_the_text_starts_with_wins_whole_words_only(string text, string expected, string arguments)
    {
        var router = new CommandRouter([Command("help"), Command("check"), Command("check in", "checkin")]);

        var match = router.Match(text);

        Assert.NotNull(match);
        Assert.Equal(expected, match.Value.Command.Info.Name);
        Assert.Equal(arguments, match.Value.Arguments);
    }

    [Theory]
    [InlineData("helpful")]
    [InlineData("")]
    [InlineData("what now")]
    public void Text_that_names_no_command_matches_nothing(string text)
    {
        var router = new CommandRouter([Command("help")]);

        Assert.Null(router.Match(text));
    }
}
