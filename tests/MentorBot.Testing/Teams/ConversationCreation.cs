using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>
/// <c>POST v3/conversations</c> as Teams answers it (protocol.md C): a 1:1 chat with one user
/// (stable id, 403 when the app is not installed for them) or a new thread in a channel; group
/// chats cannot be created.
/// </summary>
internal static class ConversationCreation
{
    private const string IncorrectParameters = "Incorrect conversation creation parameters";

    public static ConnectorOutcome Handle(JsonNode? body, ChannelDirectory directory)
    {
        if (body is not JsonObject parameters)
        {
            return ConnectorOutcome.Error(400, "BadSyntax", "The body must be a ConversationParameters object.");
        }

        var tenantId = JsonText.StringOrNull(parameters["tenantId"])
            ?? JsonText.StringOrNull(parameters["channelData"]?["tenant"]?["id"]);
        if (string.IsNullOrEmpty(tenantId))
        {
            return ConnectorOutcome.Error(400, "BadSyntax", "tenantId (or channelData.tenant.id) is required.");
        }

        return JsonText.IsTrue(parameters["isGroup"])
            ? ChannelThread(parameters)
            : Personal(parameters, directory);
    }

    private static ConnectorOutcome ChannelThread(JsonObject parameters)
    {
        var channelId = JsonText.StringOrNull(parameters["channelData"]?["channel"]?["id"]);
        if (string.IsNullOrEmpty(channelId) || parameters["activity"] is not JsonObject)
        {
            // Teams has no way to create a group chat, and a channel thread needs its root message.
            return ConnectorOutcome.Error(400, "BadSyntax", IncorrectParameters);
        }

        var messageId = MessageIds.Next();
        var conversationId = ConversationIds.ChannelThread(channelId, messageId);
        return new ConnectorOutcome(201, new JsonObject { ["id"] = conversationId, ["activityId"] = messageId })
        {
            ConversationId = conversationId,
            MessageId = messageId,
        };
    }

    private static ConnectorOutcome Personal(JsonObject parameters, ChannelDirectory directory)
    {
        var members = (parameters["members"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var memberId = members.Count == 1 ? JsonText.StringOrNull(members[0]["id"]) : null;
        if (string.IsNullOrEmpty(memberId))
        {
            return ConnectorOutcome.Error(400, "BadSyntax", IncorrectParameters);
        }

        if (directory.IsNotInstalled(memberId))
        {
            return ConnectorOutcome.Error(403, "ForbiddenOperationException", "Bot isn't installed in user's personal scope")
                with { MemberId = memberId };
        }

        // The same person, named by Teams id, AAD id or UPN, always gets the same 1:1 conversation.
        var conversationId = ConversationIds.Personal(directory.CanonicalId(memberId));
        return new ConnectorOutcome(201, new JsonObject { ["id"] = conversationId })
        {
            ConversationId = conversationId,
            MemberId = memberId,
            MessageId = parameters["activity"] is JsonObject ? MessageIds.Next() : null,
        };
    }
}
