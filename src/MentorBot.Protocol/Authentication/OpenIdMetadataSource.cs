using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MentorBot.Protocol.Authentication;

/// <summary>
/// Signing keys published at an OpenID metadata URL, read with Microsoft.IdentityModel's retriever and cached:
/// refreshed every 12 hours, and at once (at most every 5 minutes) when a token names a key we do not have,
/// which is how a key rotation shows. If a refresh fails, the keys we have stay in use.
/// Also reads the Bot Framework's <c>endorsements</c> extension of each key.
/// </summary>
/// <remarks>
/// IdentityModel's ConfigurationManager refreshes in the background after RequestRefresh, so the request that
/// saw the new key would still be refused; this cache refreshes before answering.
/// </remarks>
public sealed class OpenIdMetadataSource
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<HttpClient> _httpClientFactory;
    private readonly TimeProvider _time;

    public OpenIdMetadataSource(Func<HttpClient> httpClientFactory, TimeProvider? time = null)
    {
        _httpClientFactory = httpClientFactory;
        _time = time ?? TimeProvider.System;
    }

    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Minimum time between two refreshes forced by an unknown key.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public async Task<OpenIdConnectConfiguration> GetAsync(string metadataUrl, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(metadataUrl, _ => new Entry());
        var current = entry.Configuration;
        if (current is not null && _time.GetUtcNow() - entry.FetchedAt < AutomaticRefreshInterval)
        {
            return current;
        }

        return await FetchAsync(metadataUrl, entry, forced: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the keys again now, unless that was done within <see cref="RefreshInterval"/>.</summary>
    public async Task<OpenIdConnectConfiguration> RefreshAsync(string metadataUrl, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(metadataUrl, _ => new Entry());
        if (entry.Configuration is { } current && _time.GetUtcNow() - entry.LastForcedRefresh < RefreshInterval)
        {
            return current;
        }

        return await FetchAsync(metadataUrl, entry, forced: true, cancellationToken).ConfigureAwait(false);
    }

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

    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;

    private async Task<OpenIdConnectConfiguration> FetchAsync(string metadataUrl, Entry entry, bool forced, CancellationToken cancellationToken)
    {
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            // Another request may have refreshed while this one waited.
            if (entry.Configuration is { } fresh && (forced ? now - entry.LastForcedRefresh < RefreshInterval : now - entry.FetchedAt < AutomaticRefreshInterval))
            {
                return fresh;
            }

            try
            {
                var retriever = new HttpDocumentRetriever(_httpClientFactory())
                {
                    // Plain http is allowed only for loopback stand-ins; configuration refuses it elsewhere.
                    RequireHttps = !IsLoopback(metadataUrl),
                };
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(metadataUrl, retriever, cancellationToken).ConfigureAwait(false);
                entry.Configuration = configuration;
                entry.FetchedAt = now;
                if (forced)
                {
                    entry.LastForcedRefresh = now;
                }

                return configuration;
            }
            catch (Exception ex) when (entry.Configuration is not null && ex is IOException or HttpRequestException or InvalidOperationException or ArgumentException)
            {
                // Keep using what we have; the next read tries again.
                return entry.Configuration;
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public OpenIdConnectConfiguration? Configuration { get; set; }

        public DateTimeOffset FetchedAt { get; set; }

        public DateTimeOffset LastForcedRefresh { get; set; } = DateTimeOffset.MinValue;
    }
}
