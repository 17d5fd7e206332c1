using System.Text.Json;
using MentorBot.Protocol.Schema;

namespace MentorBot.Cards;

/// <summary>The one way a card becomes JSON and an attachment.</summary>
public static class CardJson
{
    public static string Serialize(AdaptiveCard card) => JsonSerializer.Serialize(card, ProtocolJson.Options);

    public static JsonElement ToElement(AdaptiveCard card) => JsonSerializer.SerializeToElement(card, ProtocolJson.Options);

    public static Attachment ToAttachment(AdaptiveCard card) => Attachment.AdaptiveCard(ToElement(card));

    public static Activity ToMessage(AdaptiveCard card, string? summary = null)
    {
        var message = Activity.CreateMessage(null, ToAttachment(card));
        message.Summary = summary ?? card.FallbackText;
        return message;
    }
}
