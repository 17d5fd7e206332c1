using MentorBot.Features.Reports.Downloads;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MentorBot.Hosting;

/// <summary>
/// The one public route besides the bot's: downloads at /downloads/{token}, for which the person signs in with
/// Entra ID so the link works only for the person it was made for. Off unless Reports:PublicBaseUrl is set.
/// </summary>
/// <remarks>
/// Sign-in asks only for an ID token (posted back to <see cref="CallbackPath"/>): the bot needs to know who the person
/// is, not to call anything on their behalf, so no client credential is involved and it works whichever credential
/// the bot itself uses. The app registration needs the web redirect URI {PublicBaseUrl}/downloads/signin-oidc and
/// "ID tokens" enabled.
/// </remarks>
public static class DownloadSignIn
{
    public const string PublicBaseUrlKey = "Reports:PublicBaseUrl";

    /// <summary>
    /// The OpenID Connect authority people sign in with; by default the bot's own Entra tenant
    /// (<c>https://login.microsoftonline.com/{MicrosoftAppTenantId}/v2.0</c>), so only people of that tenant get in.
    /// </summary>
    public const string AuthorityKey = "Reports:SignInAuthority";

    /// <summary>The app registration people sign in to; MicrosoftAppId by default, required for a UserAssignedMSI bot.</summary>
    public const string ClientIdKey = "Reports:SignInClientId";

    public const string CallbackPath = "/downloads/signin-oidc";

    /// <summary>How long a sign-in lasts; as long as a download link, so one sign-in serves the link it was for.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(15);

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[PublicBaseUrlKey]);

    public static IServiceCollection AddDownloadSignIn(this IServiceCollection services, IConfiguration configuration, BotSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        if (!IsEnabled(configuration))
        {
            return services;
        }

        var signIn = Read(configuration, settings);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "mentorbot.downloads";
                o.Cookie.Path = "/downloads";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = SessionLifetime;
                o.SlidingExpiration = false;
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = signIn.Authority.AbsoluteUri.TrimEnd('/');
                o.RequireHttpsMetadata = !signIn.Authority.IsLoopback;
                o.ClientId = signIn.ClientId;
                o.ResponseType = OpenIdConnectResponseType.IdToken;
                o.ResponseMode = OpenIdConnectResponseMode.FormPost;
                o.CallbackPath = CallbackPath;
                o.SignedOutCallbackPath = "/downloads/signout-callback-oidc";
                // Keep "oid" and "tid" as Entra issues them: a download is bound to the person's object id.
                o.MapInboundClaims = false;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.SaveTokens = false;
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    // The registered redirect URI, not one rebuilt from the request: behind App Service's TLS
                    // front end the request arrives as http on an internal host.
                    context.ProtocolMessage.RedirectUri = signIn.RedirectUri.AbsoluteUri;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization();
        return services;
    }

    public static WebApplication MapDownloads(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (IsEnabled(app.Configuration))
        {
            // Reports and "my data" hold people's words: never kept by a browser or proxy cache, never sniffed as another type.
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/downloads"), branch => branch.Use((context, next) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return next(context);
            }));
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet(DownloadEndpoint.Route, DownloadEndpoint.HandleAsync).RequireAuthorization();
        }

        return app;
    }

    /// <summary>The redirect URI to register on the app: the callback under the public base URL.</summary>
    public static Uri RedirectUriFor(Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        return new Uri(publicBaseUrl.AbsoluteUri.TrimEnd('/') + CallbackPath);
    }

    private static SignInSettings Read(IConfiguration configuration, BotSettings settings)
    {
        // The same rule as every other URL setting: absolute, and https unless it points at this machine.
        var baseUrl = new Uri(BotSettings.CheckUrl(PublicBaseUrlKey, configuration[PublicBaseUrlKey]!.Trim()));

        var configuredClientId = configuration[ClientIdKey];
        var clientId = (string.IsNullOrWhiteSpace(configuredClientId) ? null : configuredClientId.Trim())
            ?? (settings.AppType == AppType.UserAssignedMSI ? null : settings.AppId)
            ?? throw new SettingsException(ClientIdKey, settings.AppType == AppType.UserAssignedMSI
                ? "is required for a UserAssignedMSI bot: people sign in to an app registration, which a managed identity is not."
                : $"(or {BotSettings.Keys.AppId}) is required: downloads are signed in with an Entra app.");

        var configuredAuthority = configuration[AuthorityKey];
        var authority = !string.IsNullOrWhiteSpace(configuredAuthority)
            ? new Uri(BotSettings.CheckUrl(AuthorityKey, configuredAuthority.Trim()))
            : settings.AppTenantId is { } tenant
                ? new Uri($"https://login.microsoftonline.com/{tenant}/v2.0")
                : throw new SettingsException(AuthorityKey, $"(or {BotSettings.Keys.AppTenantId}) is required: downloads are for people of the bot's own tenant.");

        return new SignInSettings(authority, clientId, RedirectUriFor(baseUrl));
    }

    private sealed record SignInSettings(Uri Authority, string ClientId, Uri RedirectUri);
}
