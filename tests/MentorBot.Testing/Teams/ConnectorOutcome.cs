using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>What the stand-in answers to one connector call, and what it learned for the record.</summary>
internal sealed record ConnectorOutcome(int StatusCode, JsonNode? Response)
{
    public string? ConversationId { get; init; }
    public string? MessageId { get; init; }
    public string? MemberId { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public bool InjectedFault { get; init; }

    public static ConnectorOutcome Error(int statusCode, string code, string message) =>
        new(statusCode, JsonHttp.ErrorBody(code, message));
}
