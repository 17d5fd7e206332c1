namespace MentorBot.Features.Reports;

/// <summary>Settings of reports and downloads ("Reports" section).</summary>
public sealed class ReportSettings
{
    /// <summary>
    /// The bot's public https address (e.g. https://mentorbot.contoso.com), where <c>GET /downloads/{token}</c> is
    /// served behind Entra ID sign-in. Without it, CSV export is switched off and the command says so.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// The OpenID Connect authority people sign in with to download. Defaults to the bot's own Entra tenant
    /// (<c>https://login.microsoftonline.com/{MicrosoftAppTenantId}/v2.0</c>), so only people of that tenant get in.
    /// </summary>
    public Uri? SignInAuthority { get; set; }

    /// <summary>
    /// The app registration people sign in to; defaults to MicrosoftAppId. Needed for a UserAssignedMSI bot, whose
    /// managed identity cannot sign people in.
    /// </summary>
    public string? SignInClientId { get; set; }
}
