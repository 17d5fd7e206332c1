using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Protocol.Authentication;

/// <summary>
/// Signing keys published at an OpenID metadata URL, cached and refreshed by Microsoft.IdentityModel's
/// <see cref="ConfigurationManager{T}"/> (automatic refresh every 12 hours, forced refresh at most every 5 minutes).
/// Also reads the Bot Framework's <c>endorsements</c> extension of each key.
/// </summary>
public sealed class OpenIdMetadataSource
{
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<HttpClient> _httpClientFactory;

    public OpenIdMetadataSource(Func<HttpClient> httpClientFactory)
    {
        _httpClientFactory = httpClientFactory;
    }

    /// <summary>Minimum time between two forced refreshes of one URL (when a token names an unknown key).</summary>
    public TimeSpan RefreshInterval { get; set; } = BaseConfigurationManager.DefaultRefreshInterval;

    public Task<OpenIdConnectConfiguration> GetAsync(string metadataUrl, CancellationToken cancellationToken) =>
        Manager(metadataUrl).GetConfigurationAsync(cancellationToken);

    /// <summary>Asks for fresh keys the next time they are read, e.g. after the channel rotated them.</summary>
    public void RequestRefresh(string metadataUrl) => Manager(metadataUrl).RequestRefresh();

    /// <summary>The channel ids a key is endorsed for, or null when the key carries no endorsements.</summary>
    public static IReadOnlyCollection<string>? EndorsementsOf(OpenIdConnectConfiguration configuration, string? keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw) || raw is null)
        {
            return null;
        }

        return raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToArray(),
            IEnumerable<object> list => list.Select(o => o?.ToString() ?? string.Empty).ToArray(),
            _ => [],
        };
    }

    private ConfigurationManager<OpenIdConnectConfiguration> Manager(string metadataUrl) =>
        _managers.GetOrAdd(metadataUrl, url =>
        {
            var retriever = new HttpDocumentRetriever(_httpClientFactory())
            {
                // Plain http is allowed only for loopback stand-ins; configuration refuses it elsewhere.
                RequireHttps = !IsLoopback(url),
            };
            return new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(), retriever)
            {
                RefreshInterval = RefreshInterval,
            };
        });

    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
