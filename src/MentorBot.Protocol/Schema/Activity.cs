using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentorBot.Protocol.Schema;

/// <summary>
/// A Bot Framework activity as Teams sends and receives it. Only the fields MentorBot uses are typed;
/// everything else survives a round trip in <see cref="ExtensionData"/>.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Summary { get; set; }
    public string? Locale { get; set; }
    /// <summary>The invoke name, e.g. <c>adaptiveCard/action</c>.</summary>
    public string? Name { get; set; }
    public JsonElement? Value { get; set; }
    /// <summary>For installationUpdate: add, remove, add-upgrade, remove-upgrade.</summary>
    public string? Action { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public IList<JsonElement>? Entities { get; set; }
    public TeamsChannelData? ChannelData { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The tenant of the activity: Teams puts it in channelData and in the conversation.</summary>
    [JsonIgnore]
    public string? TenantId => ChannelData?.Tenant?.Id ?? Conversation?.TenantId;

    [JsonIgnore]
    public bool IsInvoke => string.Equals(Type, ActivityTypes.Invoke, StringComparison.Ordinal);

    /// <summary>Whether an account named in this activity (a member, a mention) is a bot: this one (the recipient) or another.</summary>
    public bool IsBot(string? accountId) =>
        ChannelAccount.IsBotId(accountId) || (accountId is not null && string.Equals(accountId, Recipient?.Id, StringComparison.OrdinalIgnoreCase));

    /// <summary>A plain message from the bot, ready to send.</summary>
    public static Activity CreateMessage(string? text = null, params Attachment[] attachments) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Attachments = attachments.Length == 0 ? null : attachments.ToList(),
    };
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    /// <summary>The Entra object id of a user.</summary>
    public string? AadObjectId { get; set; }
    /// <summary>The member read returns the Entra object id here instead (or as well).</summary>
    public string? ObjectId { get; set; }
    public string? Role { get; set; }
    public string? Email { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? GivenName { get; set; }
    public string? Surname { get; set; }
    public string? TenantId { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    [JsonIgnore]
    public string? EntraObjectId => AadObjectId ?? ObjectId;

    /// <summary>A bot, by its Teams id: bots' ids start "28:", people's "29:" (msteams-docs, get-teams-context.md).</summary>
    [JsonIgnore]
    public bool IsBot => IsBotId(Id);

    public static bool IsBotId(string? id) => id?.StartsWith("28:", StringComparison.Ordinal) == true;
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public object? Content { get; set; }
    public string? Name { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static Attachment AdaptiveCard(object card) => new() { ContentType = AdaptiveCardContentType, Content = card };
}
