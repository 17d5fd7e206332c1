namespace MentorBot.Conversations.Access;

/// <summary>
/// The one place where a turn's audience is checked. It loads what the turn is about, decides, and either puts
/// that object on <see cref="Turn.Subject"/> or answers the person with the reason and changes nothing.
/// </summary>
public interface ITurnAccess
{
    /// <summary>True when the sender may go on; false after the refusal has been answered.</summary>
    Task<bool> AdmitAsync(Turn turn, Audience audience, CardActionInput? action, CancellationToken cancellationToken);
}
