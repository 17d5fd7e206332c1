namespace MentorBot.Testing;

/// <summary>How a delta link that Graph no longer honours is answered (<see cref="CalendarStandIn.ExpireDeltaLinks"/>).</summary>
public enum DeltaLinkFailure
{
    /// <summary>410 Gone, code syncStateNotFound (graph-docs concepts/delta-query-overview.md, "token expired").</summary>
    SyncStateNotFound,

    /// <summary>410 Gone, code resyncRequired (graph-docs concepts/delta-query-overview.md).</summary>
    ResyncRequired,

    /// <summary>410 Gone with an empty body, no JSON error to read (graph-docs concepts/delta-query-overview.md names only the status).</summary>
    GoneWithoutJson,

    /// <summary>410 Gone with an HTML page for a body, as Graph sometimes answers errors (microsoftgraph/msgraph-sdk-dotnet issues 2407 and 2411).</summary>
    GoneWithHtml,

    /// <summary>400 InvalidDeltaToken (microsoftgraph/microsoft-graph-docs issue 6599).</summary>
    InvalidDeltaToken,
}

/// <summary>Why a user's calendar cannot be read at all (<see cref="CalendarStandIn.MakeMailboxUnreadable"/>).</summary>
public enum MailboxFailure
{
    /// <summary>404 MailboxNotEnabledForRESTAPI: inactive, soft-deleted or on-premises mailbox, or a guest (microsoftgraph/microsoft-graph-docs issue 8520, msgraph-sdk-javascript issue 1756).</summary>
    NotEnabledForRest,

    /// <summary>404 ResourceNotFound "Resource could not be discovered": no mailbox at all, e.g. unlicensed (microsoftgraph/microsoft-graph-docs issues 4598 and 5143).</summary>
    NoMailbox,

    /// <summary>403 ErrorAccessDenied: an application access policy excludes the mailbox (graph-docs concepts/auth-limit-mailbox-access.md, "Handling API errors").</summary>
    AccessDenied,
}
