using Azure.Core;
using Azure.Identity;

namespace MentorBot.Hosting;

/// <summary>The bot's own Entra credential (secret, certificate or managed identity), used for the channel and for Graph.</summary>
public static class BotCredentials
{
    /// <summary>The credential for tokens to the channel, or null when none is configured (calls then carry no token).</summary>
    public static TokenCredential? ForChannel(BotSettings settings)
    {
        if (settings.IsLocalAnonymous || !settings.HasCredential)
        {
            return null;
        }

        // ToChannelFromBotLoginUrl is an authority: https://login.microsoftonline.com/{tenant or botframework.com}.
        var authority = new Uri(settings.ChannelLoginUrl);
        var tenant = authority.AbsolutePath.Trim('/').Split('/')[0];
        return Create(settings, tenant, new Uri(authority.GetLeftPart(UriPartial.Authority)));
    }

    /// <summary>The credential for Microsoft Graph in the bot's own tenant, or null when none is configured.</summary>
    public static TokenCredential? ForGraph(BotSettings settings)
    {
        if (settings.IsLocalAnonymous || !settings.HasCredential)
        {
            return null;
        }

        var host = new Uri(new Uri(settings.ChannelLoginUrl).GetLeftPart(UriPartial.Authority));
        return Create(settings, settings.AppTenantId ?? "organizations", host);
    }

    private static TokenCredential Create(BotSettings settings, string tenant, Uri authorityHost)
    {
        if (settings.AppType == AppType.UserAssignedMSI)
        {
            return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.AppId!));
        }

        if (settings.AppCertificatePath is { } certificatePath)
        {
            return new ClientCertificateCredential(tenant, settings.AppId, certificatePath,
                new ClientCertificateCredentialOptions { AuthorityHost = authorityHost });
        }

        return new ClientSecretCredential(tenant, settings.AppId, settings.AppPassword,
            new ClientSecretCredentialOptions { AuthorityHost = authorityHost });
    }
}
