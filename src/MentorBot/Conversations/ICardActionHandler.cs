namespace MentorBot.Conversations;

/// <summary>
/// Handles the card buttons with the given verbs. Who may press them is <see cref="Audience"/>, checked by the router
/// (which also loads the program or pair the card names) before the handler runs.
/// </summary>
public interface ICardActionHandler
{
    IReadOnlyCollection<string> Verbs { get; }

    Access.Audience Audience { get; }

    Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken);
}

/// <summary>Handles conversationUpdate and installationUpdate activities (the bot added, removed, a channel renamed...).</summary>
public interface IConversationUpdateHandler
{
    Task HandleAsync(Turn turn, CancellationToken cancellationToken);
}
