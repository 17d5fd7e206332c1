namespace MentorBot.Hosting;

/// <summary>How the bot's Entra app is set up (Azure Bot's "type"); decides where outbound tokens come from.</summary>
public enum AppType
{
    SingleTenant,
    MultiTenant,
    UserAssignedMSI,
}
