using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>One request the bot (or the Graph SDK on its behalf) sent to the stand-in Graph.</summary>
public sealed class RecordedGraphRequest
{
    public required long Sequence { get; init; }

    public required string Method { get; init; }

    /// <summary>The path with every segment unescaped, including <c>/v1.0</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The query string as sent (still escaped), including <c>?</c>, or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>Query parameters, unescaped (e.g. <c>$filter</c>).</summary>
    public IReadOnlyDictionary<string, string> QueryParameters { get; init; } = new Dictionary<string, string>();

    public string PathAndQuery => Path + Query;

    /// <summary>Request headers by name (case-insensitive), multiple values joined with commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string BodyText { get; init; } = "";

    public JsonNode? Body { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required int StatusCode { get; init; }

    /// <summary>True when the answer was a failure planned with <c>FailNext</c>.</summary>
    public bool InjectedFault { get; init; }

    public override string ToString() => $"#{Sequence} {Method} {PathAndQuery} → {StatusCode}{(InjectedFault ? " (injected fault)" : "")}";
}
