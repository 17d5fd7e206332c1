namespace MentorBot.Features.Reports;

/// <summary>Settings of reports ("Reports" section).</summary>
public sealed class ReportSettings
{
    /// <summary>
    /// The bot's public https address (e.g. https://mentorbot.contoso.com), where <c>GET /downloads/{token}</c> is
    /// served behind Entra ID sign-in. Without it, CSV export is switched off and the command says so.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
