namespace MentorBot.Conversations;

/// <summary>Finds the command a message names: the longest command name or alias the text starts with, word for word.</summary>
public sealed class CommandRouter
{
    private readonly IReadOnlyList<(string Phrase, ICommand Command)> _phrases;

    public CommandRouter(IEnumerable<ICommand> commands)
    {
        Commands = commands.ToList();
        _phrases = Commands
            .SelectMany(c => c.Info.Aliases.Append(c.Info.Name).Select(p => (Phrase: p.ToLowerInvariant(), Command: c)))
            .OrderByDescending(p => p.Phrase.Length)
            .ToList();
    }

    public IReadOnlyList<ICommand> Commands { get; }

    public (ICommand Command, string Arguments)? Match(string text)
    {
        var normalized = text.Trim();
        foreach (var (phrase, command) in _phrases)
        {
            if (normalized.StartsWith(phrase, StringComparison.OrdinalIgnoreCase)
                && (normalized.Length == phrase.Length || char.IsWhiteSpace(normalized[phrase.Length])))
            {
                return (command, normalized[phrase.Length..].Trim());
            }
        }

        return null;
    }
}
