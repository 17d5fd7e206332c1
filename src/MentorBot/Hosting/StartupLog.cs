namespace MentorBot.Hosting;

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No MicrosoftAppId is set: requests to /api/messages are NOT authenticated. This is for local use with the Agents Playground only.")]
    public static partial void UnauthenticatedLocalMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Teams:AllowedTenantIds is empty: activities from any tenant are accepted.")]
    public static partial void AnyTenant(ILogger logger);
}
