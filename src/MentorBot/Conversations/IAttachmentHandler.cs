namespace MentorBot.Conversations;

/// <summary>
/// Handles a message that carries files. Teams delivers files to a bot only in personal chat, as attachments of
/// type <c>application/vnd.microsoft.teams.file.download.info</c> (protocol.md I). The router asks each handler in
/// turn when a message is not a command, so a file sent with no text reaches the feature that takes it.
/// </summary>
public interface IAttachmentHandler
{
    /// <summary>True when the message carries something this handler takes; must not do I/O.</summary>
    bool CanHandle(Turn turn);

    /// <summary>Who may send it; checked by the router before anything is downloaded or stored.</summary>
    Access.Audience Audience { get; }

    Task HandleAsync(Turn turn, CancellationToken cancellationToken);
}
