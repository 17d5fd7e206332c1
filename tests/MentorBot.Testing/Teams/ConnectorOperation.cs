namespace MentorBot.Testing;

/// <summary>Which Bot Connector operation a recorded call was (protocol.md section C).</summary>
public enum ConnectorOperation
{
    /// <summary>A path the stand-in does not serve; answered 404 and kept so tests can see what the bot tried.</summary>
    Unknown,

    /// <summary><c>POST v3/conversations/{id}/activities</c>.</summary>
    Send,

    /// <summary><c>POST v3/conversations/{id}/activities/{activityId}</c>.</summary>
    Reply,

    /// <summary><c>PUT v3/conversations/{id}/activities/{activityId}</c>.</summary>
    Update,

    /// <summary><c>DELETE v3/conversations/{id}/activities/{activityId}</c>.</summary>
    Delete,

    /// <summary><c>POST v3/conversations</c>.</summary>
    CreateConversation,

    /// <summary><c>GET v3/conversations/{id}/members/{memberId}</c>.</summary>
    GetMember,
    GetMembers,
}
