namespace MentorBot.Protocol.Schema;

/// <summary>Body of <c>POST /v3/conversations</c>: a 1:1 chat with a user, or a new thread in a channel.</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public IList<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public Activity? Activity { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
    public string? TenantId { get; set; }
}

/// <summary>The answer to a create-conversation call.</summary>
public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
}

/// <summary>The answer to a send, reply or update: the id of the activity.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}
