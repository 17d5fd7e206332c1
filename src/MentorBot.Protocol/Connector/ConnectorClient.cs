using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MentorBot.Protocol.Schema;

namespace MentorBot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST operations a Teams bot uses (protocol.md C). Retries of 429, 412 and 5xx
/// (honouring Retry-After) are done by the resilience handler of the named HttpClient, not here; inside
/// <see cref="ConnectorThrottle.ComeBackLater"/> a 429 is not retried but thrown with its <see cref="ConnectorException.RetryAt"/>.
/// </summary>
public sealed class ConnectorClient
{
    public const string HttpClientName = "BotConnector";

    private readonly HttpClient _http;
    private readonly IBotTokenProvider _tokens;
    private readonly ServiceUrlPolicy _serviceUrls;

    public ConnectorClient(HttpClient http, IBotTokenProvider tokens, ServiceUrlPolicy serviceUrls)
    {
        _http = http;
        _tokens = tokens;
        _serviceUrls = serviceUrls;
    }

    public Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = null;
        return CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken, activity.TenantId);
    }

    public Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = null;
        activity.ReplyToId = replyToId;
        return CallAsync<ResourceResponse>(
            HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, cancellationToken, activity.TenantId);
    }

    /// <summary>Replaces a message the bot sent, e.g. to show a card's new state to everyone.</summary>
    public Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = activityId;
        return CallAsync<ResourceResponse>(
            HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken, activity.TenantId);
    }

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        CallAsync<JsonElement?>(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, cancellationToken);

    /// <summary>Opens (or finds: the call is idempotent) the personal chat with a user who has the app installed.</summary>
    public Task<ConversationResourceResponse> CreatePersonalConversationAsync(
        string serviceUrl, string tenantId, string userId, string? botId, CancellationToken cancellationToken)
    {
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = botId is null ? null : new ChannelAccount { Id = botId },
            Members = [new ChannelAccount { Id = userId }],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = tenantId } },
        };
        return CallAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken, tenantId);
    }

    /// <summary>Starts a new thread in a channel with <paramref name="rootMessage"/> as its first post.</summary>
    public Task<ConversationResourceResponse> StartChannelThreadAsync(
        string serviceUrl, string tenantId, string channelId, Activity rootMessage, CancellationToken cancellationToken)
    {
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            Activity = rootMessage,
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = channelId }, Tenant = new TenantInfo { Id = tenantId } },
        };
        return CallAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken, tenantId);
    }

    /// <summary>Reads one member of a conversation by Teams id, UPN or Entra object id.</summary>
    public Task<ChannelAccount> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
        CallAsync<ChannelAccount>(
            HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}", null, cancellationToken);

    /// <summary>Everyone in a group chat or a team (the bot itself is not listed).</summary>
    public async Task<IReadOnlyList<ChannelAccount>> GetMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken) =>
        await CallAsync<List<ChannelAccount>>(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members", null, cancellationToken)
            .ConfigureAwait(false) ?? [];

    private async Task<T> CallAsync<T>(
        HttpMethod method, string serviceUrl, string path, object? body, CancellationToken cancellationToken, string? tenantId = null)
    {
        if (!_serviceUrls.IsAllowed(serviceUrl))
        {
            // The bot's token is a bearer credential for every Teams conversation it is in: it goes to Teams hosts only.
            throw new UntrustedServiceUrlException($"{method} {path} was not sent: the service URL is not a Teams host.");
        }

        using var request = new HttpRequestMessage(method, Combine(serviceUrl, path));
        // The pacer counts calls per tenant and lane (protocol.md C: Teams limits a bot per tenant).
        request.Options.Set(ConnectorPacer.LaneOption, ConnectorLane.Current);
        request.Options.Set(ConnectorThrottle.ComeBackLaterOption, ConnectorThrottle.CanComeBackLater);
        if (tenantId is not null)
        {
            request.Options.Set(ConnectorPacer.TenantOption, tenantId);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, ProtocolJson.Options);
        }

        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            throw new ConnectorException(response.StatusCode, code, $"{method} {path} failed with {(int)response.StatusCode}: {message}", RetryAtOf(response))
            {
                HoldsTenant = request.Options.TryGetValue(ConnectorPacer.PauseReachOption, out var reach) && reach == PauseReach.Tenant,
            };
        }

        if (response.Content.Headers.ContentLength is 0 || typeof(T) == typeof(JsonElement?))
        {
            return default!;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(text) ? default! : JsonSerializer.Deserialize<T>(text, ProtocolJson.Options)!;
    }

    /// <summary>When a 429 lets the call through again, on network time like the pacer's pause (the moment that pause ends).</summary>
    private static DateTimeOffset? RetryAtOf(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        var now = TimeProvider.System.GetUtcNow();
        return now + RetryAfterHeader.DelayOf(response, now);
    }

    private static async Task<(string? Code, string Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.TryGetProperty("error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                return (code, message ?? text);
            }
        }
        catch (JsonException)
        {
            // Not the ErrorResponse shape: keep the raw text.
        }

        return (null, text.Length > 500 ? text[..500] : text);
    }

    private static Uri Combine(string serviceUrl, string path) => new(serviceUrl.TrimEnd('/') + "/" + path);

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
