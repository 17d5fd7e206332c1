using System.Net.Http.Headers;

namespace MentorBot.Protocol.Connector;

/// <summary>How long a 429 asks the bot to wait: its Retry-After as a delta or an HTTP-date (RFC 9110 10.2.3).</summary>
public static class RetryAfterHeader
{
    /// <summary>No header, or one already past: Teams says to back off (protocol.md C); one second is the shortest window it counts.</summary>
    public static readonly TimeSpan Fallback = TimeSpan.FromSeconds(1);

    public static TimeSpan DelayOf(HttpResponseMessage response, DateTimeOffset now) => DelayOf(response.Headers.RetryAfter, now);

    public static TimeSpan DelayOf(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var delay = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return delay is { } d && d > TimeSpan.Zero ? d : Fallback;
    }
}
