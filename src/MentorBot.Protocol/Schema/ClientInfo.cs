using System.Text.Json;

namespace MentorBot.Protocol.Schema;

/// <summary>
/// The <c>clientInfo</c> entity Teams attaches to what a person sends: their client's locale, country, platform and
/// IANA time zone (e.g. <c>Europe/London</c>). Any field may be missing; the entity itself may be too.
/// </summary>
public sealed record ClientInfo(string? Locale, string? Country, string? Platform, string? TimeZone)
{
    public const string EntityType = "clientInfo";

    /// <summary>The activity's clientInfo entity, or null when it has none (bot-made activities, other channels).</summary>
    public static ClientInfo? From(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.ValueKind == JsonValueKind.Object && Text(entity, "type") == EntityType)
            {
                return new ClientInfo(Text(entity, "locale"), Text(entity, "country"), Text(entity, "platform"), Text(entity, "timezone"));
            }
        }

        return null;
    }

    private static string? Text(JsonElement entity, string name) =>
        entity.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
