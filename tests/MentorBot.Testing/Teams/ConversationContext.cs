using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>The <c>conversation</c> and <c>channelData</c> an inbound activity carries; cloned into each activity.</summary>
internal sealed record ConversationContext(JsonObject Conversation, JsonObject ChannelData)
{
    public string Id => JsonText.StringOrNull(Conversation["id"]) ?? "";

    public ConversationContext WithId(string conversationId)
    {
        var conversation = (JsonObject)Conversation.DeepClone();
        conversation["id"] = conversationId;
        return new ConversationContext(conversation, (JsonObject)ChannelData.DeepClone());
    }

    /// <summary>The context of an earlier activity, without the fields that describe that one event.</summary>
    public static ConversationContext Of(JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversation = activity["conversation"]?.DeepClone() as JsonObject
            ?? throw new ArgumentException("The activity has no conversation.", nameof(activity));
        var channelData = activity["channelData"]?.DeepClone() as JsonObject ?? [];
        channelData.Remove("eventType");
        channelData.Remove("postBack");
        channelData.Remove("source");
        return new ConversationContext(conversation, channelData);
    }

    /// <summary>
    /// A best guess from the id alone, for conversations the factory never saw (e.g. ones the bot
    /// created): <c>a:</c> is personal, <c>@thread.tacv2</c>/<c>@thread.skype</c> a channel, else a group chat.
    /// </summary>
    public static ConversationContext Infer(string conversationId, string tenantId)
    {
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        if (conversationId.StartsWith("a:", StringComparison.Ordinal))
        {
            return new ConversationContext(NewConversation(conversationId, "personal", tenantId), channelData);
        }

        var baseId = ConversationIds.WithoutThread(conversationId);
        if (baseId.Contains("@thread.tacv2", StringComparison.OrdinalIgnoreCase) || baseId.Contains("@thread.skype", StringComparison.OrdinalIgnoreCase))
        {
            channelData["channel"] = new JsonObject { ["id"] = baseId };
            return new ConversationContext(NewConversation(conversationId, "channel", tenantId), channelData);
        }

        return new ConversationContext(NewConversation(conversationId, "groupChat", tenantId), channelData);
    }

    public static JsonObject NewConversation(string id, string conversationType, string tenantId)
    {
        var conversation = new JsonObject
        {
            ["conversationType"] = conversationType,
            ["tenantId"] = tenantId,
            ["id"] = id,
        };
        if (conversationType != "personal")
        {
            // isGroup is true for group chats and channels and absent in personal scope.
            conversation["isGroup"] = true;
        }

        return conversation;
    }
}
