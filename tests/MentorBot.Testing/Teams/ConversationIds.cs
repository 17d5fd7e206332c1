namespace MentorBot.Testing;

/// <summary>How the stand-in names conversations, shared by the connector and the activity factory so they agree.</summary>
public static class ConversationIds
{
    private const string ThreadMarker = ";messageid=";

    /// <summary>The 1:1 conversation of a user with the bot; stable, so creating it twice gives the same id.</summary>
    public static string Personal(string teamsUserId)
    {
        ArgumentNullException.ThrowIfNull(teamsUserId);
        var user = teamsUserId.StartsWith("29:", StringComparison.Ordinal) ? teamsUserId[3..] : teamsUserId;
        return "a:personal-" + user.ToLowerInvariant();
    }

    /// <summary>The conversation of one thread in a channel.</summary>
    public static string ChannelThread(string channelId, string rootMessageId) => channelId + ThreadMarker + rootMessageId;

    /// <summary>The channel (or chat) part of a conversation id: everything before <c>;messageid=</c>.</summary>
    public static string WithoutThread(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var marker = conversationId.IndexOf(ThreadMarker, StringComparison.OrdinalIgnoreCase);
        return marker >= 0 ? conversationId[..marker] : conversationId;
    }

    /// <summary>A new group chat id, shaped like Teams' (<c>19:…@thread.v2</c>).</summary>
    public static string NewGroupChat() => $"19:{Guid.NewGuid():N}@thread.v2";

    /// <summary>A new team or channel id, shaped like Teams' (<c>19:…@thread.tacv2</c>). A team's General channel has the team's id.</summary>
    public static string NewChannel() => $"19:{Guid.NewGuid():N}@thread.tacv2";
}
