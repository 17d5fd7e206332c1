namespace MentorBot.Conversations;

/// <summary>A typed command such as "help" or "agreement". The router matches the longest name at the start of the text.</summary>
public interface ICommand
{
    CommandInfo Info { get; }

    Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken);
}

/// <summary>Where a command can be used, shown in help and enforced by the router.</summary>
[Flags]
public enum CommandScopes
{
    Personal = 1,
    GroupChat = 2,
    Channel = 4,
    All = Personal | GroupChat | Channel,
}

public sealed record CommandInfo(string Name, string Description, CommandScopes Scopes, string? Usage = null)
{
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Who may use it; checked by the router before the command runs.</summary>
    public Access.Audience Audience { get; init; } = Access.Audience.Anyone;

    /// <summary>Costly for the service (exports, reports): limited per person by the router.</summary>
    public bool IsHeavy { get; init; }

    /// <summary>Runs even while the sender is in a dialog in this chat (which it may replace), instead of being taken as an answer.</summary>
    public bool InterruptsDialogs { get; init; }

    public bool IsAvailableIn(string conversationType) => Scopes.HasFlag(ScopeOf(conversationType));

    public static CommandScopes ScopeOf(string conversationType) => conversationType switch
    {
        Protocol.Schema.ConversationTypes.Channel => CommandScopes.Channel,
        Protocol.Schema.ConversationTypes.GroupChat => CommandScopes.GroupChat,
        _ => CommandScopes.Personal,
    };
}
