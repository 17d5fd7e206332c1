namespace MentorBot.Testing;

/// <summary>A Teams app installed for a user through Graph (<c>/users/{id}/teamwork/installedApps</c>).</summary>
/// <param name="Id">The installation id, base64 like Graph's (so it contains characters that need escaping in URLs).</param>
/// <param name="UserId">The user's object id.</param>
/// <param name="TeamsAppId">The app's catalog id.</param>
public sealed record TeamsAppInstallation(string Id, string UserId, string TeamsAppId);
