using System.Text;
using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>One call the bot made to the stand-in Bot Connector, successful or not.</summary>
public sealed class RecordedConnectorCall
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Order of arrival, starting at 1 for each stand-in.</summary>
    public required long Sequence { get; init; }

    public required ConnectorOperation Operation { get; init; }

    public required string Method { get; init; }

    /// <summary>The request path with every segment unescaped (e.g. <c>/teams/v3/conversations/a:1/activities</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string including <c>?</c>, or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>
    /// The conversation, unescaped. For a create call: the conversation it made (or would have made);
    /// for a channel thread that is <c>{channelId};messageid={n}</c>.
    /// </summary>
    public string? ConversationId { get; init; }

    /// <summary>The activity id in the path (the one replied to, updated or deleted).</summary>
    public string? ActivityId { get; init; }

    /// <summary>For a member lookup the member asked for; for a 1:1 create the member it was created with.</summary>
    public string? MemberId { get; init; }

    /// <summary>The Authorization header as received, or null.</summary>
    public string? Authorization { get; init; }

    /// <summary>The request body as JSON, or null when empty or not JSON (see <see cref="BodyText"/>).</summary>
    public JsonNode? Body { get; init; }

    public string BodyText { get; init; } = "";

    /// <summary>When it arrived, on the stand-in's clock.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    public required int StatusCode { get; init; }

    /// <summary>True when the answer was a failure planned with <c>FailNext</c>; the bot is expected to retry.</summary>
    public bool InjectedFault { get; init; }

    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>
    /// The message this call created or changed: the new id for a send, reply or create with an
    /// activity; the path id for an update or delete. Use it as a card's <c>replyToId</c>.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>The activity carried: the body of a send, reply or update, or the <c>activity</c> of a create.</summary>
    public JsonObject? Activity => Operation switch
    {
        ConnectorOperation.Send or ConnectorOperation.Reply or ConnectorOperation.Update => Body as JsonObject,
        ConnectorOperation.CreateConversation => Body?["activity"] as JsonObject,
        _ => null,
    };

    /// <summary>The activity's <c>text</c>, or null.</summary>
    public string? Text => JsonText.StringOrNull(Activity?["text"]);

    /// <summary>The <c>content</c> of every Adaptive Card attachment of the activity.</summary>
    public IReadOnlyList<JsonObject> AdaptiveCards =>
        (Activity?["attachments"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => JsonText.StringOrNull(a["contentType"]) == AdaptiveCardContentType)
            .Select(a => JsonText.AsObject(a["content"]))
            .OfType<JsonObject>()
            .ToList();

    /// <summary>Every string value anywhere in the body, one per line: search it to prove a secret never left.</summary>
    public string AllText
    {
        get
        {
            var text = new StringBuilder();
            JsonText.CollectStrings(Body, text);
            return text.ToString();
        }
    }

    public override string ToString()
    {
        var text = Text is { } t ? $" text=\"{(t.Length > 60 ? t[..60] + "…" : t)}\"" : "";
        var cards = AdaptiveCards.Count > 0 ? $" cards={AdaptiveCards.Count}" : "";
        var fault = InjectedFault ? " (injected fault)" : "";
        return $"#{Sequence} {Method} {Path} → {StatusCode}{fault}{text}{cards}";
    }
}
