namespace MentorBot.Protocol.Authentication;

/// <summary>How requests from the channel are authenticated (protocol.md A1–A4).</summary>
public sealed class ChannelAuthenticationOptions
{
    public const string PublicBotFrameworkMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string PublicBotFrameworkIssuer = "https://api.botframework.com";
    public const string PublicEntraMetadataUrlTemplate = "https://login.microsoftonline.com/{tenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>The tenants of the Azure Bot Service that issue Entra tokens to bots (A2).</summary>
    public static readonly IReadOnlyList<string> BotServiceTenants =
    [
        "d6d49420-f39b-4df7-a1dc-d59a935871db",
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
    ];

    /// <summary>The bot's Microsoft App ID: the audience every token must carry. Empty means anonymous local mode.</summary>
    public string? AppId { get; set; }

    /// <summary>The bot's own tenant; its Entra issuers are accepted too.</summary>
    public string? TenantId { get; set; }

    public string BotFrameworkMetadataUrl { get; set; } = PublicBotFrameworkMetadataUrl;

    public string BotFrameworkIssuer { get; set; } = PublicBotFrameworkIssuer;

    /// <summary>Where Entra signing keys of a tenant are published; <c>{tenantId}</c> is replaced.</summary>
    public string EntraMetadataUrlTemplate { get; set; } = PublicEntraMetadataUrlTemplate;

    /// <summary>Whether Entra-issued tokens (the Bot Service tenants, and allow-listed callers of the bot's own tenant) are accepted.</summary>
    public bool AcceptEntraTokens { get; set; } = true;

    /// <summary>
    /// Client apps (<c>azp</c> / <c>appid</c>) whose Entra tokens from the bot's own tenant are accepted. Empty by default:
    /// Entra issues an app-only token for the bot's audience to any app of the tenant that asks (client credentials
    /// flow, "Controlling tokens without the roles claim"), so the audience alone proves nothing (protocol.md A2).
    /// </summary>
    public ISet<string> AllowedCallers { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The channel id the signing key must be endorsed for when the activity carries none.</summary>
    public string DefaultChannelId { get; set; } = "msteams";

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when no app id is configured: requests without a token are accepted (local use only).</summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(AppId);
}
