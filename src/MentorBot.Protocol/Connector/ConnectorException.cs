using System.Net;

namespace MentorBot.Protocol.Connector;

/// <summary>The channel refused a call, after retries where retrying made sense. Carries the channel's error code.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(HttpStatusCode statusCode, string? errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public ConnectorException(HttpStatusCode statusCode, string? errorCode, string message, DateTimeOffset? retryAt)
        : this(statusCode, errorCode, message)
    {
        RetryAt = retryAt;
    }

    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// A call that could come back later (<see cref="ConnectorThrottle.ComeBackLater"/>) was refused with a 429, or not
    /// sent at all because its tenant is paused or its windows are full: try again at <see cref="RetryAt"/>.
    /// </summary>
    public static ConnectorException Throttled(DateTimeOffset retryAt, string message, string errorCode = "Throttled", bool holdsTenant = false) =>
        new(HttpStatusCode.TooManyRequests, errorCode, message, retryAt) { HoldsTenant = holdsTenant };

    /// <summary>
    /// Throttled, and the pause holds every call of the tenant until <see cref="RetryAt"/> (<see cref="PauseReachRule"/>),
    /// not only the conversation this call was for.
    /// </summary>
    public bool HoldsTenant { get; init; }

    /// <summary>
    /// The <see cref="ErrorCode"/> of a call the pacer held back because a sliding window (usually its conversation's)
    /// is full: unlike a 429, it says nothing about the rest of the tenant.
    /// </summary>
    public const string WindowsFullCode = "WindowsFull";

    /// <summary>When the channel (or the pacer on its behalf) lets this call through again; set for every 429.</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>Throttled: not a failure of the message, only "not now". Try again at <see cref="RetryAt"/>.</summary>
    public bool IsThrottled => RetryAt is not null;

    /// <summary>E.g. ConversationBlockedByUser, BotNotInConversationRoster, MessageWritesBlocked.</summary>
    public string? ErrorCode { get; }

    /// <summary>403 and 404 mean the bot cannot reach this conversation (blocked, uninstalled, gone); retrying will not help.</summary>
    /// <remarks>
    /// 401 is not among them: it says the bot's own token was refused (already refreshed once by the connector), which
    /// is the operator's problem and says nothing about the person, so the message is kept for a later attempt.
    /// </remarks>
    public bool IsPermanent => StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest
        or HttpStatusCode.RequestEntityTooLarge;

    /// <summary>The channel refused the bot's token even after a fresh one.</summary>
    public bool IsTokenRefused => StatusCode == HttpStatusCode.Unauthorized;
}
