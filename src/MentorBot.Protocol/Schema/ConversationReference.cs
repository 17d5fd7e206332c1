namespace MentorBot.Protocol.Schema;

/// <summary>What the bot needs to message a conversation later, without an incoming activity.</summary>
public sealed record ConversationReference(
    string ServiceUrl,
    string ConversationId,
    string? TenantId,
    string? ConversationType,
    string? BotId)
{
    public static ConversationReference? From(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return null;
        }

        return new ConversationReference(
            activity.ServiceUrl,
            activity.Conversation.Id,
            activity.TenantId,
            activity.Conversation.ConversationType,
            activity.Recipient?.Id);
    }
}
