using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Testing;

/// <summary>Signs channel tokens with the real JsonWebTokenHandler, on the stand-in's clock.</summary>
internal sealed class ChannelTokenSigner(SigningKeySet keys, TimeProvider clock, string serviceUrl)
{
    public string Sign(ChannelTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var issuedAt = options.IssuedAt ?? clock.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        var tokenServiceUrl = options.ServiceUrl == ChannelTokenOptions.StandInServiceUrl ? serviceUrl : options.ServiceUrl;
        if (tokenServiceUrl is not null)
        {
            claims["serviceurl"] = tokenServiceUrl;
        }

        if (options.TenantId is not null)
        {
            claims["tid"] = options.TenantId;
        }

        if (options.AppId is not null)
        {
            claims["appid"] = options.AppId;
            claims["azp"] = options.AppId;
        }

        foreach (var (name, value) in options.Claims)
        {
            claims[name] = value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer ?? DefaultIssuer(options),
            Audience = options.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = (options.NotBefore ?? issuedAt).UtcDateTime,
            Expires = (issuedAt + options.Lifetime).UtcDateTime,
            Claims = claims,
            // No credentials makes JsonWebTokenHandler write an unsigned token with alg "none".
            SigningCredentials = string.Equals(options.Algorithm, "none", StringComparison.OrdinalIgnoreCase)
                ? null
                : new SigningCredentials(keys.For(options.Key), options.Algorithm),
        };

        // Times come only from the descriptor (the injected clock), never from the machine clock.
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(descriptor);
    }

    private static string DefaultIssuer(ChannelTokenOptions options)
    {
        if (options.Key != ChannelKey.Entra)
        {
            return ChannelTokenOptions.BotFrameworkIssuer;
        }

        return options.TenantId is { } tenant
            ? EntraIssuer.For(tenant)
            : throw new ArgumentException("An Entra-signed token needs TenantId (or an explicit Issuer).", nameof(options));
    }
}
