using Microsoft.Graph.Models.ODataErrors;

namespace MentorBot.Features.Meetings;

/// <summary>
/// Graph cannot read this person's calendar at all, and asking again soon will not change that: the mailbox is not in
/// Exchange Online (guest, unlicensed, inactive, on-premises) or the tenant's application access policy excludes it.
/// </summary>
public sealed class MailboxUnreadableException : Exception
{
    public MailboxUnreadableException()
    {
    }

    public MailboxUnreadableException(string message)
        : base(message)
    {
    }

    public MailboxUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailboxUnreadableException(MailboxProblem problem, ODataError error)
        : base($"Graph cannot read this calendar ({error?.ResponseStatusCode} {error?.Error?.Code}).", error)
    {
        Problem = problem;
    }

    public MailboxProblem Problem { get; }

    /// <summary>The problem Graph's answer names, or null when the error is about something else.</summary>
    internal static MailboxUnreadableException? From(ODataError error) => (error.ResponseStatusCode, error.Error?.Code) switch
    {
        // "The mailbox is either inactive, soft-deleted, or is hosted on-premise" (microsoft-graph-docs issue 8520: guests too).
        (404, "MailboxNotEnabledForRESTAPI") => new MailboxUnreadableException(MailboxProblem.NotInExchangeOnline, error),
        // "Resource could not be discovered": no mailbox behind the user (microsoft-graph-docs issues 4598, 5143).
        (404, "ResourceNotFound") => new MailboxUnreadableException(MailboxProblem.NoMailbox, error),
        // An application access policy leaves this mailbox out (graph-docs concepts/auth-limit-mailbox-access.md).
        (403, "ErrorAccessDenied") => new MailboxUnreadableException(MailboxProblem.AccessDenied, error),
        _ => null,
    };
}

public enum MailboxProblem
{
    NotInExchangeOnline,
    NoMailbox,
    AccessDenied,
}
