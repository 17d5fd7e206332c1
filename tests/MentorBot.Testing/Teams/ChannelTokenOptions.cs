namespace MentorBot.Testing;

/// <summary>What goes into a token from <see cref="TeamsChannelStandIn.CreateToken"/>. Defaults make a valid Teams token.</summary>
public sealed record ChannelTokenOptions
{
    /// <summary>Placeholder default for <see cref="ServiceUrl"/>: replaced by the stand-in's own service URL when signing.</summary>
    public const string StandInServiceUrl = "urn:mentorbot-testing:stand-in-service-url";

    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The <c>aud</c> claim: the bot's Microsoft App ID.</summary>
    public required string Audience { get; init; }

    /// <summary>
    /// The <c>iss</c> claim. Null picks the natural issuer of <see cref="Key"/>:
    /// <c>https://login.microsoftonline.com/{TenantId}/v2.0</c> for <see cref="ChannelKey.Entra"/>, otherwise <see cref="BotFrameworkIssuer"/>.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>The lowercase <c>serviceurl</c> claim; the stand-in's service URL by default, null for no claim.</summary>
    public string? ServiceUrl { get; init; } = StandInServiceUrl;

    public ChannelKey Key { get; init; } = ChannelKey.Teams;

    /// <summary><c>exp</c> is <see cref="IssuedAt"/> plus this.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>iat</c>; null means "now" on the stand-in's clock. Put it in the past to make expired tokens.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary><c>nbf</c>; null means the same as <see cref="IssuedAt"/>. Put it in the future for not-yet-valid tokens.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Adds a <c>tid</c> claim (and names the tenant of the default Entra issuer).</summary>
    public string? TenantId { get; init; }

    /// <summary>Adds <c>appid</c> and <c>azp</c> claims, as Entra-issued tokens carry for the calling application.</summary>
    public string? AppId { get; init; }

    /// <summary>Any further claims, added last (they can override the ones above).</summary>
    public IReadOnlyDictionary<string, object> Claims { get; init; } = new Dictionary<string, object>();

    /// <summary>JWS algorithm: RS256 by default; RS384/RS512 also work, and <c>none</c> makes an unsigned token.</summary>
    public string Algorithm { get; init; } = "RS256";
}
