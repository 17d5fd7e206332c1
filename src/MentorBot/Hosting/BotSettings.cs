using System.Text.RegularExpressions;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace MentorBot.Hosting;

/// <summary>
/// The service's settings, under the Azure Bot configuration keys operators already know. Read once at start-up;
/// anything missing or contradictory stops the service with a message that names the key.
/// </summary>
public sealed partial record BotSettings
{
    public string? AppId { get; init; }
    public string? AppPassword { get; init; }
    public string? AppCertificatePath { get; init; }
    public string? AppTenantId { get; init; }
    public AppType AppType { get; init; } = AppType.SingleTenant;
    public string ChannelOpenIdMetadataUrl { get; init; } = ChannelAuthenticationOptions.PublicBotFrameworkMetadataUrl;
    public string ChannelTokenIssuer { get; init; } = ChannelAuthenticationOptions.PublicBotFrameworkIssuer;
    public string EntraOpenIdMetadataUrl { get; init; } = ChannelAuthenticationOptions.PublicEntraMetadataUrlTemplate;
    public string ChannelLoginUrl { get; init; } = string.Empty;
    public string ChannelOAuthScope { get; init; } = "https://api.botframework.com";
    public string StorageConnectionString { get; init; } = "UseDevelopmentStorage=true";
    public string TablePrefix { get; init; } = "mentorbot";
    public IReadOnlyList<string> AllowedTenantIds { get; init; } = [];
    public Uri GraphBaseUrl { get; init; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>MentorBot's id in the org's Teams app catalog, when given: proactive install then needs no AppCatalog.Read.All to look it up.</summary>
    public string? TeamsAppCatalogId { get; init; }
    public int ConnectorRequestsPerSecond { get; init; } = PacingOptions.DefaultTenantRequestsPerSecond;

    /// <summary>
    /// When someone removed the app and a message for them comes due, add it back for them through Graph, once per
    /// removal, where the tenant grants that (TeamsAppInstallation.ReadWriteSelfForUser.All). "Teams:ReinstallAfterRemoval".
    /// </summary>
    public bool ReinstallAfterRemoval { get; init; } = true;
    public IReadOnlyList<string> AllowedCallers { get; init; } = [];
    public IReadOnlyList<string> AllowedChannelIds { get; init; } = ["msteams"];
    public IReadOnlyList<string> ServiceUrlHosts { get; init; } = [];

    /// <summary>Loopback service URLs (the Agents Playground, test stand-ins) are accepted in Development only.</summary>
    public bool AllowLoopbackServiceUrls { get; init; }

    /// <summary>No app id: requests are not authenticated. Only ever allowed in Development.</summary>
    public bool IsLocalAnonymous => string.IsNullOrWhiteSpace(AppId);

    public bool HasCredential => !string.IsNullOrEmpty(AppPassword) || !string.IsNullOrEmpty(AppCertificatePath) || AppType == AppType.UserAssignedMSI;

    public static BotSettings Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var appId = Optional(configuration, Keys.AppId);
        if (appId is not null && !Guid.TryParse(appId, out _))
        {
            throw new SettingsException(Keys.AppId, "must be the bot's Microsoft App ID, a GUID.");
        }

        if (appId is null && !environment.IsDevelopment())
        {
            throw new SettingsException(Keys.AppId,
                $"is required outside Development (environment is '{environment.EnvironmentName}'). Without it requests cannot be authenticated.");
        }

        var appType = ParseAppType(Optional(configuration, Keys.AppType));
        var password = Optional(configuration, Keys.AppPassword);
        var certificate = Optional(configuration, Keys.AppCertificatePath);
        var tenantId = Optional(configuration, Keys.AppTenantId);

        if (appId is null && (password is not null || certificate is not null))
        {
            throw new SettingsException(Keys.AppPassword, $"is set but {Keys.AppId} is not; a credential needs the app it belongs to.");
        }

        if (password is not null && certificate is not null)
        {
            throw new SettingsException(Keys.AppCertificatePath, $"and {Keys.AppPassword} are both set; choose one credential.");
        }

        if (appType == AppType.UserAssignedMSI && (password is not null || certificate is not null))
        {
            throw new SettingsException(Keys.AppPassword, "must be empty for a UserAssignedMSI bot, which authenticates with its managed identity.");
        }

        if (appId is not null && appType is AppType.SingleTenant or AppType.UserAssignedMSI && tenantId is null)
        {
            throw new SettingsException(Keys.AppTenantId, $"is required for a {appType} bot.");
        }

        if (appId is not null && !environment.IsDevelopment() && appType != AppType.UserAssignedMSI && password is null && certificate is null)
        {
            throw new SettingsException(Keys.AppPassword,
                $"(or {Keys.AppCertificatePath}) is required outside Development: without a credential the bot cannot send messages.");
        }

        var loginUrl = Optional(configuration, Keys.ChannelLoginUrl)
            ?? (appType == AppType.MultiTenant ? "https://login.microsoftonline.com/botframework.com" : $"https://login.microsoftonline.com/{tenantId ?? "common"}");

        var prefix = Optional(configuration, Keys.TablePrefix) ?? "mentorbot";
        if (!TablePrefixPattern().IsMatch(prefix))
        {
            throw new SettingsException(Keys.TablePrefix, "must be 1 to 20 letters or digits, starting with a letter (Table Storage names allow nothing else).");
        }

        var allowedTenants = ReadList(configuration, Keys.AllowedTenantIds);
        foreach (var tenant in allowedTenants)
        {
            if (!Guid.TryParse(tenant, out _))
            {
                throw new SettingsException(Keys.AllowedTenantIds, $"'{tenant}' is not a tenant id (a GUID).");
            }
        }

        if (allowedTenants.Count == 0 && appType == AppType.SingleTenant && Guid.TryParse(tenantId, out _))
        {
            // A single-tenant bot serves its own tenant unless told otherwise.
            allowedTenants = [tenantId!];
        }

        var perSecond = Optional(configuration, Keys.ConnectorRequestsPerSecond) is { } rate
            ? int.TryParse(rate, out var parsed) && parsed is >= 0 and <= 1000
                ? parsed
                : throw new SettingsException(Keys.ConnectorRequestsPerSecond, $"'{rate}' is not a number of requests per second from 0 (no pacing) to 1000.")
            : PacingOptions.DefaultTenantRequestsPerSecond;

        var callers = ReadList(configuration, Keys.AllowedCallers);
        if (callers.FirstOrDefault(c => !Guid.TryParse(c, out _)) is { } badCaller)
        {
            throw new SettingsException(Keys.AllowedCallers, $"'{badCaller}' is not an application (client) id, a GUID.");
        }

        var channels = ReadList(configuration, Keys.AllowedChannelIds);
        var hosts = ReadList(configuration, Keys.ServiceUrlHosts);
        if (hosts.FirstOrDefault(h => Uri.CheckHostName(h) != UriHostNameType.Dns) is { } badHost)
        {
            throw new SettingsException(Keys.ServiceUrlHosts, $"'{badHost}' is not a host name (e.g. smba.trafficmanager.net, without https:// or a path).");
        }

        var catalogId = Optional(configuration, Keys.TeamsAppCatalogId) is { } id
            ? Guid.TryParse(id, out _)
                ? id
                : throw new SettingsException(Keys.TeamsAppCatalogId, $"'{id}' is not the app's catalog id (a GUID: the id GET /appCatalogs/teamsApps?$filter=externalId eq '<MicrosoftAppId>' answers).")
            : null;

        var reinstall = Optional(configuration, Keys.ReinstallAfterRemoval) is { } flag
            ? bool.TryParse(flag, out var on)
                ? on
                : throw new SettingsException(Keys.ReinstallAfterRemoval, $"'{flag}' is not true or false.")
            : true;

        return new BotSettings
        {
            TeamsAppCatalogId = catalogId,
            ReinstallAfterRemoval = reinstall,
            AllowedCallers = callers,
            AllowedChannelIds = channels.Count > 0 ? channels : ["msteams"],
            ServiceUrlHosts = hosts,
            AllowLoopbackServiceUrls = environment.IsDevelopment(),
            ConnectorRequestsPerSecond = perSecond,
            AppId = appId,
            AppPassword = password,
            AppCertificatePath = certificate,
            AppTenantId = tenantId,
            AppType = appType,
            ChannelOpenIdMetadataUrl = Url(configuration, Keys.ChannelOpenIdMetadataUrl, ChannelAuthenticationOptions.PublicBotFrameworkMetadataUrl),
            ChannelTokenIssuer = Optional(configuration, Keys.ChannelTokenIssuer) ?? ChannelAuthenticationOptions.PublicBotFrameworkIssuer,
            EntraOpenIdMetadataUrl = Url(configuration, Keys.EntraOpenIdMetadataUrl, ChannelAuthenticationOptions.PublicEntraMetadataUrlTemplate),
            ChannelLoginUrl = CheckUrl(Keys.ChannelLoginUrl, loginUrl),
            ChannelOAuthScope = Optional(configuration, Keys.ChannelOAuthScope) ?? "https://api.botframework.com",
            StorageConnectionString = Optional(configuration, Keys.StorageConnectionString) ?? "UseDevelopmentStorage=true",
            TablePrefix = prefix,
            AllowedTenantIds = allowedTenants,
            GraphBaseUrl = new Uri(Url(configuration, Keys.GraphBaseUrl, "https://graph.microsoft.com/v1.0").TrimEnd('/')),
        };
    }

    private static AppType ParseAppType(string? value)
    {
        if (value is null)
        {
            return AppType.SingleTenant;
        }

        return Enum.TryParse<AppType>(value, ignoreCase: true, out var type) && Enum.IsDefined(type)
            ? type
            : throw new SettingsException(Keys.AppType, $"'{value}' is not one of MultiTenant, SingleTenant, UserAssignedMSI.");
    }

    private static string Url(IConfiguration configuration, string key, string fallback) =>
        CheckUrl(key, Optional(configuration, key) ?? fallback);

    /// <summary>Absolute, and https unless it points at this machine (local stand-ins and emulators).</summary>
    internal static string CheckUrl(string key, string value)
    {
        var probe = value.Replace("{tenantId}", "tenant", StringComparison.Ordinal);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new SettingsException(key, $"'{value}' is not an absolute http(s) URL.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new SettingsException(key, $"'{value}' uses plain http, which is accepted only for a loopback address.");
        }

        return value;
    }

    private static string? Optional(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>A list given as an array (Key:0, Key:1) or as one comma-separated value.</summary>
    public static List<string> ReadList(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var items = section.GetChildren().Select(c => c.Value).ToList();
        if (section.Value is not null)
        {
            items.Add(section.Value);
        }

        return items
            .SelectMany(v => (v ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,19}$")]
    private static partial Regex TablePrefixPattern();

    /// <summary>The configuration keys, exactly as operators and Azure Bot tooling spell them.</summary>
    public static class Keys
    {
        public const string AppId = "MicrosoftAppId";
        public const string AppPassword = "MicrosoftAppPassword";
        public const string AppCertificatePath = "MicrosoftAppCertificatePath";
        public const string AppTenantId = "MicrosoftAppTenantId";
        public const string AppType = "MicrosoftAppType";
        public const string ChannelOpenIdMetadataUrl = "ToBotFromChannelOpenIdMetadataUrl";
        public const string ChannelTokenIssuer = "ToBotFromChannelTokenIssuer";
        public const string EntraOpenIdMetadataUrl = "ToBotFromEntraOpenIdMetadataUrl";
        public const string ChannelLoginUrl = "ToChannelFromBotLoginUrl";
        public const string ChannelOAuthScope = "ToChannelFromBotOAuthScope";
        public const string StorageConnectionString = "Storage:ConnectionString";
        public const string TablePrefix = "Storage:TablePrefix";
        public const string AllowedTenantIds = "Teams:AllowedTenantIds";
        public const string GraphBaseUrl = "Graph:BaseUrl";
        public const string ConnectorRequestsPerSecond = "Teams:RequestsPerSecond";
        public const string AllowedCallers = "AllowedCallers";
        public const string AllowedChannelIds = "Teams:AllowedChannelIds";
        public const string ServiceUrlHosts = "Teams:ServiceUrlHosts";
        public const string TeamsAppCatalogId = "Graph:TeamsAppCatalogId";
        public const string ReinstallAfterRemoval = "Teams:ReinstallAfterRemoval";
    }
}
