using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Protocol.Authentication;

/// <summary>
/// Validates the bearer token of a request from the channel as the Bot Connector expects (protocol.md A1, A2):
/// RS256/384/512 signature from the issuer's OpenID metadata, issuer, audience = app id, lifetime with skew.
/// </summary>
public sealed class ChannelTokenValidator
{
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly ChannelAuthenticationOptions _options;
    private readonly OpenIdMetadataSource _metadata;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public ChannelTokenValidator(ChannelAuthenticationOptions options, OpenIdMetadataSource metadata, TimeProvider time)
    {
        _options = options;
        _metadata = metadata;
        _time = time;
    }

    /// <summary>Returns who sent the request, or throws <see cref="ChannelAuthenticationException"/>.</summary>
    public async Task<ChannelIdentity> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        var token = BearerToken(authorizationHeader);
        if (token is null)
        {
            if (_options.IsAnonymous)
            {
                return ChannelIdentity.Anonymous;
            }

            throw new ChannelAuthenticationException("No bearer token.");
        }

        if (_options.IsAnonymous)
        {
            // Without an app id there is no audience to check a token against; such a token proves nothing.
            throw new ChannelAuthenticationException("A token was sent but no MicrosoftAppId is configured.");
        }

        JsonWebToken parsed;
        try
        {
            parsed = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException ex)
        {
            throw new ChannelAuthenticationException("The token is not a JWT.", ex);
        }

        // The issuer decides where the keys come from; it is checked again after the signature.
        var (metadataUrl, validIssuers, isBotFramework, checkCaller) = SourceFor(parsed.Issuer, parsed);

        var configuration = await ReadKeysAsync(metadataUrl, refresh: false, cancellationToken).ConfigureAwait(false);
        var result = await ValidateWithKeysAsync(token, configuration, validIssuers).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The channel may have rotated its keys since we last read them.
            configuration = await ReadKeysAsync(metadataUrl, refresh: true, cancellationToken).ConfigureAwait(false);
            result = await ValidateWithKeysAsync(token, configuration, validIssuers).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            throw new ChannelAuthenticationException($"The token is not valid: {result.Exception?.GetType().Name}.", result.Exception!);
        }

        if (isBotFramework)
        {
            var keyId = ((JsonWebToken)result.SecurityToken).Kid;
            // Bot Framework keys must carry endorsements; a key without them is not trusted for any channel.
            var endorsements = OpenIdMetadataSource.EndorsementsOf(configuration, keyId)
                ?? throw new ChannelAuthenticationException("Could not validate the endorsements of the signing key.");
            return ChannelIdentity.BotFramework(result.ClaimsIdentity, endorsements);
        }

        if (checkCaller)
        {
            // Checked again on the validated token: the claims read before the signature was checked prove nothing.
            EnsureAllowedCaller((JsonWebToken)result.SecurityToken);
        }

        return ChannelIdentity.Entra(result.ClaimsIdentity);
    }

    private async Task<OpenIdConnectConfiguration> ReadKeysAsync(string metadataUrl, bool refresh, CancellationToken cancellationToken)
    {
        try
        {
            return refresh
                ? await _metadata.RefreshAsync(metadataUrl, cancellationToken).ConfigureAwait(false)
                : await _metadata.GetAsync(metadataUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException or ArgumentException)
        {
            // No keys could be read at all: the request cannot be authenticated.
            throw new ChannelAuthenticationException("The channel's signing keys could not be read.", ex);
        }
    }

    private Task<TokenValidationResult> ValidateWithKeysAsync(string token, OpenIdConnectConfiguration configuration, IReadOnlyList<string> validIssuers)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = validIssuers,
            ValidAudience = _options.AppId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = AllowedAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = true,
            ClockSkew = _options.ClockSkew,
            LifetimeValidator = ValidateLifetime,
        };
        return _handler.ValidateTokenAsync(token, parameters);
    }

    // The lifetime is judged by the injected clock, so tests and the service agree on "now".
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null || now > expires.Value.ToUniversalTime() + parameters.ClockSkew)
        {
            return false;
        }

        return notBefore is null || now >= notBefore.Value.ToUniversalTime() - parameters.ClockSkew;
    }

    private (string MetadataUrl, IReadOnlyList<string> Issuers, bool IsBotFramework, bool CheckCaller) SourceFor(string? issuer, JsonWebToken token)
    {
        if (string.Equals(issuer, _options.BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return (_options.BotFrameworkMetadataUrl, [_options.BotFrameworkIssuer], true, false);
        }

        if (_options.AcceptEntraTokens && issuer is not null)
        {
            foreach (var (tenant, isBotService) in EntraTenants())
            {
                string[] issuers = [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"];
                if (issuers.Contains(issuer, StringComparer.Ordinal))
                {
                    // The tid claim must agree with the issuer it came with.
                    if (token.TryGetPayloadValue<string>("tid", out var tid) && !string.Equals(tid, tenant, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new ChannelAuthenticationException("The token's tenant does not match its issuer.");
                    }

                    if (!isBotService)
                    {
                        // Refused before any key is fetched; the validated token is checked again afterwards.
                        EnsureAllowedCaller(token);
                    }

                    var url = _options.EntraMetadataUrlTemplate.Replace("{tenantId}", tenant, StringComparison.Ordinal);
                    return (url, issuers, false, !isBotService);
                }
            }
        }

        throw new ChannelAuthenticationException("The token's issuer is not trusted.");
    }

    private IEnumerable<(string Tenant, bool IsBotService)> EntraTenants()
    {
        foreach (var tenant in ChannelAuthenticationOptions.BotServiceTenants)
        {
            yield return (tenant, true);
        }

        if (!string.IsNullOrWhiteSpace(_options.TenantId))
        {
            yield return (_options.TenantId, false);
        }
    }

    /// <summary>
    /// Any app of a tenant can get a token for the bot's audience from Entra, so a token of the bot's own tenant counts
    /// only from an allow-listed caller (botbuilder's allowed-callers validation for skills does the same).
    /// </summary>
    private void EnsureAllowedCaller(JsonWebToken token)
    {
        var caller = token.TryGetPayloadValue<string>("azp", out var azp) && !string.IsNullOrEmpty(azp) ? azp
            : token.TryGetPayloadValue<string>("appid", out var appid) ? appid : null;
        if (string.IsNullOrEmpty(caller) || !_options.AllowedCallers.Contains(caller))
        {
            throw new ChannelAuthenticationException(
                $"The Entra token's caller '{caller ?? "(none)"}' is not in AllowedCallers.");
        }
    }

    private static string? BearerToken(string? header)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
