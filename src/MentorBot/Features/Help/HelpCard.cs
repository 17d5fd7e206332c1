using MentorBot.Cards;
using MentorBot.Conversations;

namespace MentorBot.Features.Help;

/// <summary>The commands that work in this kind of chat, each with what it does.</summary>
public static class HelpCard
{
    public static AdaptiveCard Create(IEnumerable<CommandInfo> commands, string conversationType)
    {
        var available = commands.Where(c => c.IsAvailableIn(conversationType)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var where = CommandInfo.ScopeOf(conversationType) switch
        {
            CommandScopes.Channel => "In this channel, mention me (@MentorBot) followed by a command.",
            CommandScopes.GroupChat => "In this chat, mention me (@MentorBot) followed by a command.",
            _ => "Type a command here at any time.",
        };

        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading("What I can do"),
                new TextBlock(where),
                new FactSet(available.Select(c => new Fact(c.Usage ?? c.Name, c.Description)).ToList()),
                TextBlock.Subtle("While I'm asking you questions, \"back\", \"cancel\" and \"help\" work at any step."),
            ],
            FallbackText = "Commands: " + string.Join(", ", available.Select(c => c.Name)),
        };
    }
}
