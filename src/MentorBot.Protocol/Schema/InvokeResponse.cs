using System.Text.Json.Serialization;

namespace MentorBot.Protocol.Schema;

/// <summary>
/// The body written in the HTTP response to an invoke (D6): Teams reads <c>statusCode</c>, <c>type</c> and <c>value</c>.
/// The HTTP status itself is 200 whenever the bot processed the invoke.
/// </summary>
public sealed class InvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public int StatusCode { get; init; } = 200;
    public string? Type { get; init; }
    public object? Value { get; init; }

    public static InvokeResponse Card(object card) => new() { StatusCode = 200, Type = CardType, Value = card };

    public static InvokeResponse Message(string text) => new() { StatusCode = 200, Type = MessageType, Value = text };

    public static InvokeResponse Error(int statusCode, string code, string message) =>
        new() { StatusCode = statusCode, Type = ErrorType, Value = new InvokeError(code, message) };
}

public sealed record InvokeError([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("message")] string Message);
