using MentorBot.Features.Reports.Downloads;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace MentorBot.Hosting;

/// <summary>
/// The one public route besides the bot's: report downloads at /downloads/{token}, for which the person signs in with
/// Entra ID so the link works only for the coordinator it was made for. Off unless Reports:PublicBaseUrl is set.
/// </summary>
public static class DownloadSignIn
{
    public const string PublicBaseUrlKey = "Reports:PublicBaseUrl";

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[PublicBaseUrlKey]);

    public static IServiceCollection AddDownloadSignIn(this IServiceCollection services, IConfiguration configuration, BotSettings settings)
    {
        if (!IsEnabled(configuration))
        {
            return services;
        }

        if (settings.AppId is null || settings.AppTenantId is null)
        {
            throw new SettingsException(PublicBaseUrlKey, $"needs {BotSettings.Keys.AppId} and {BotSettings.Keys.AppTenantId}: downloads are signed in with the bot's Entra app.");
        }

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
                o.ExpireTimeSpan = TimeSpan.FromMinutes(15);
                o.SlidingExpiration = false;
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = $"https://login.microsoftonline.com/{settings.AppTenantId}/v2.0";
                o.ClientId = settings.AppId;
                o.ClientSecret = settings.AppPassword;
                o.ResponseType = "code";
                o.CallbackPath = "/downloads/signin-oidc";
                o.SignedOutCallbackPath = "/downloads/signout-callback-oidc";
                // Keep "oid" and "tid" as Entra issues them: the download is bound to the coordinator's object id.
                o.MapInboundClaims = false;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.SaveTokens = false;
            });
        services.AddAuthorization();
        return services;
    }

    public static WebApplication MapDownloads(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet(DownloadEndpoint.Route, DownloadEndpoint.HandleAsync).RequireAuthorization();
        }

        return app;
    }
}
