using System.Diagnostics.Metrics;
using System.Net;

namespace MentorBot.Protocol.Hosting;

/// <summary>
/// Counters of the protocol layer, in their own meter so this library does not depend on the application. The
/// application exports the meter by its <see cref="MeterName"/>.
/// </summary>
public static class ProtocolMetrics
{
    public const string MeterName = "MentorBot.Protocol";

    /// <summary>Values of the <c>reason</c> tag of <see cref="ActivitiesRefused"/>.</summary>
    public static class Reasons
    {
        public const string Unauthenticated = "unauthenticated";
        public const string Malformed = "malformed";
        public const string TooLarge = "too_large";
        public const string TenantNotAllowed = "tenant_not_allowed";
        public const string ChannelNotAllowed = "channel_not_allowed";
        public const string Failed = "failed";
    }

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Authenticated, well-formed activities, by activity type (message, invoke, conversationUpdate...).</summary>
    public static readonly Counter<long> ActivitiesReceived = Meter.CreateCounter<long>(
        "mentorbot.activities.received", "{activity}", "Authenticated, well-formed activities received, by type");

    /// <summary>Requests answered without being processed, or whose processing failed, by reason.</summary>
    public static readonly Counter<long> ActivitiesRefused = Meter.CreateCounter<long>(
        "mentorbot.activities.refused", "{request}", "Requests refused (unauthenticated, malformed, too_large, tenant_not_allowed) or failed, by reason");

    /// <summary>Calls to the Bot Connector that were throttled (429), by service.</summary>
    public static readonly Counter<long> Throttled = Meter.CreateCounter<long>(
        "mentorbot.throttled", "{response}", "Responses with 429 Too Many Requests, by service (teams, graph)");

    /// <summary>Connector calls retried by the one retry policy, by the status (or exception) that caused the retry.</summary>
    public static readonly Counter<long> ConnectorRetries = Meter.CreateCounter<long>(
        "mentorbot.connector.retries", "{retry}", "Bot Connector calls retried, by status");

    /// <summary>Connector calls whose token was refused (401): "refreshed" when sent again with a new one, "still_refused" after.</summary>
    public static readonly Counter<long> ConnectorTokensRefused = Meter.CreateCounter<long>(
        "mentorbot.connector.token_refused", "{response}", "Bot Connector calls answered 401, by outcome (refreshed, still_refused)");

    public static void ConnectorTokenRefused(bool retried) =>
        ConnectorTokensRefused.Add(1, new KeyValuePair<string, object?>("outcome", retried ? "refreshed" : "still_refused"));

    public static void ActivityReceived(string? type) =>
        ActivitiesReceived.Add(1, new KeyValuePair<string, object?>("type", string.IsNullOrEmpty(type) ? "unknown" : type));

    public static void ActivityRefused(string reason) =>
        ActivitiesRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void ThrottledBy(string service) =>
        Throttled.Add(1, new KeyValuePair<string, object?>("service", service));

    /// <summary>Counts a retry of the connector; a 429 is also counted as throttling by Teams.</summary>
    public static void ConnectorRetried(HttpStatusCode? status, Exception? exception)
    {
        ConnectorRetries.Add(1, new KeyValuePair<string, object?>("status", status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : exception?.GetType().Name ?? "unknown"));
        if (status == HttpStatusCode.TooManyRequests)
        {
            ThrottledBy("teams");
        }
    }
}
