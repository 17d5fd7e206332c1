namespace MentorBot.Conversations;

/// <summary>Handles the card buttons with the given verbs. Every handler checks who pressed before it changes anything.</summary>
public interface ICardActionHandler
{
    IReadOnlyCollection<string> Verbs { get; }

    Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken);
}

/// <summary>Handles conversationUpdate and installationUpdate activities (the bot added, removed, a channel renamed...).</summary>
public interface IConversationUpdateHandler
{
    Task HandleAsync(Turn turn, CancellationToken cancellationToken);
}
