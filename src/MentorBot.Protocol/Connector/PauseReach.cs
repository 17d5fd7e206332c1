namespace MentorBot.Protocol.Connector;

/// <summary>What a 429 holds back: only the conversation it was for, or every call of its tenant.</summary>
public enum PauseReach
{
    Conversation,
    Tenant,
}
