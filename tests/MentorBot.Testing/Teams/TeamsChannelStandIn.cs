using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Testing;

/// <summary>
/// A loopback stand-in for the Teams channel and Bot Connector: publishes Bot Framework and Entra
/// signing keys, signs real tokens, and answers and records the connector calls the bot makes.
/// Speaks only the wire format, so it checks the bot independently of the bot's own code.
/// </summary>
public sealed class TeamsChannelStandIn : IAsyncDisposable
{
    /// <summary>The header standing for a person's Entra browser session at the sign-in page: their object id or UPN.</summary>
    public const string EntraSessionHeader = "X-StandIn-Entra-Session";

    private readonly ConnectorCallLog _log = new();
    private readonly ChannelDirectory _directory = new();
    private readonly FaultPlan _faults = new();
    private readonly SigningKeySet _keys = new();
    private readonly ConnectorApi _connector;
    private LoopbackWebHost? _host;
    private ChannelTokenSigner? _signer;
    private EntraSignInEndpoint? _signIn;
    private int _metadataRequests;
    private int _keySetRequests;
    private TaskCompletionSource _connectorOpen = OpenGate();

    private TeamsChannelStandIn(TimeProvider clock)
    {
        Clock = clock;
        _connector = new ConnectorApi(_log, _directory, _faults, clock);
    }

    /// <summary>Root URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl => Host.BaseUrl;

    /// <summary>The <c>serviceUrl</c> of activities from this channel, with a trailing slash as Teams sends it.</summary>
    public string ServiceUrl => BaseUrl + "/teams/";

    /// <summary>The Bot Framework OpenID metadata document (the stand-in for login.botframework.com).</summary>
    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public string KeySetUrl => BaseUrl + "/v1/.well-known/keys";

    /// <summary>Entra metadata per tenant, with a literal <c>{tenantId}</c> placeholder.</summary>
    public string EntraMetadataUrlTemplate => BaseUrl + "/{tenantId}/v2.0/.well-known/openid-configuration";

    public TimeProvider Clock { get; }

    /// <summary>How often the Bot Framework metadata document was fetched.</summary>
    public int MetadataRequestCount => Volatile.Read(ref _metadataRequests);

    /// <summary>How often the Bot Framework key set was fetched; shows whether the bot refreshed keys.</summary>
    public int KeySetRequestCount => Volatile.Read(ref _keySetRequests);

    /// <summary>The kid the Teams key is published under now.</summary>
    public string CurrentTeamsKeyId => _keys.CurrentTeamsKeyId;

    /// <summary>Every connector call so far, in order, including failed ones.</summary>
    public IReadOnlyList<RecordedConnectorCall> Calls => _log.Snapshot();

    private LoopbackWebHost Host => _host ?? throw new InvalidOperationException("The stand-in channel is not started.");

    private EntraSignInEndpoint SignIn => _signIn ?? throw new InvalidOperationException("The stand-in channel is not started.");

    public static async Task<TeamsChannelStandIn> StartAsync(TimeProvider? clock = null)
    {
        var channel = new TeamsChannelStandIn(clock ?? TimeProvider.System);
        channel._host = await LoopbackWebHost.StartAsync(nameof(TeamsChannelStandIn), channel.HandleAsync).ConfigureAwait(false);
        channel._signer = new ChannelTokenSigner(channel._keys, channel.Clock, channel.ServiceUrl);
        channel._signIn = new EntraSignInEndpoint(channel._directory, channel._signer);
        return channel;
    }

    /// <summary>A signed JWT as the Bot Connector (or Entra) would send it to the bot.</summary>
    public string CreateToken(ChannelTokenOptions options) =>
        (_signer ?? throw new InvalidOperationException("The stand-in channel is not started.")).Sign(options);

    /// <summary>
    /// Registers a web app for sign-in at the stand-in Entra (<c>{BaseUrl}/{tenant}/v2.0</c> as the authority), as an
    /// app registration with this redirect URI and ID tokens enabled. Members sign in by sending their object id or
    /// UPN in <see cref="EntraSessionHeader"/> to the authorize endpoint.
    /// </summary>
    public void RegisterSignInApp(string clientId, Uri redirectUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(redirectUri);
        SignIn.Register(clientId, redirectUri);
    }

    /// <summary>The sign-in authority of a tenant at this stand-in.</summary>
    public string EntraAuthority(string tenantId) => $"{BaseUrl}/{tenantId}/v2.0";

    /// <summary>How many people completed a sign-in (ID tokens issued).</summary>
    public int EntraSignInCount => SignIn.SignIns;

    /// <summary>Publishes a new Teams key under a new kid (teams-key-2, ...) in place of the old one; new tokens use it.</summary>
    public string RotateTeamsKey() => _keys.RotateTeamsKey();

    /// <summary>Makes a person known to the get-member call (by Teams id, AAD object id or UPN).</summary>
    public void AddMember(ChannelMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        _directory.Add(member);
    }

    public void AddMember(TestUser user, string tenantId) => AddMember(ChannelMember.From(user, tenantId));

    /// <summary>Sets who is in a group chat or channel: what "get conversation members" answers (the bot itself is not listed).</summary>
    public void SetConversationMembers(string conversationId, params TestUser[] users)
    {
        ArgumentNullException.ThrowIfNull(users);
        _directory.SetRoster(conversationId, users.Select(u => u.TeamsId));
    }

    /// <summary>Adds the member only if nobody with that Teams id is known (keeps a test's own details).</summary>
    internal void EnsureMember(TestUser user, string tenantId)
    {
        if (!_directory.Contains(user.TeamsId))
        {
            AddMember(user, tenantId);
        }
    }

    /// <summary>Creating a 1:1 conversation with this user (any of their ids) now fails with 403 ForbiddenOperationException.</summary>
    public void MarkNotInstalled(string userId) => _directory.SetInstalled(userId, installed: false);

    /// <summary>Undoes <see cref="MarkNotInstalled"/>, e.g. after the bot installed itself through Graph.</summary>
    public void MarkInstalled(string userId) => _directory.SetInstalled(userId, installed: true);

    /// <summary>
    /// Holds every connector call (unanswered, unrecorded) until the returned handle is disposed: a slow or
    /// throttling channel, so a test can see whether anything the bot answers waits on a call to it.
    /// </summary>
    public IDisposable HoldConnectorCalls()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _connectorOpen, held);
        return new Release(() => held.TrySetResult());
    }

    /// <summary>Enforces Teams' send limits from now on (429 with Retry-After over them); null turns them off.</summary>
    public void EnforceRateLimits(TeamsRateLimits? limits) => _connector.Limits = limits;

    /// <summary>The next <paramref name="count"/> connector calls fail with this status (and Retry-After when given).</summary>
    public void FailNext(int count, int statusCode, TimeSpan? retryAfter = null) => _faults.FailNext(count, statusCode, retryAfter);

    /// <summary>
    /// The next <paramref name="count"/> sends and replies to this one conversation fail with this status (and
    /// Retry-After when given), as Teams answers a thread over its own send limit; other calls are not touched.
    /// </summary>
    public void FailNextSendsIn(string conversationId, int count, int statusCode, TimeSpan? retryAfter = null) =>
        _connector.FailNextSendsIn(conversationId, count, statusCode, retryAfter);

    /// <summary>
    /// Activities that reached a conversation: successful sends, replies and creates with an activity.
    /// A channel id also matches the threads in that channel (<c>{channelId};messageid=…</c>).
    /// </summary>
    public IReadOnlyList<RecordedConnectorCall> ActivitiesSentTo(string conversationId) =>
        _log.Snapshot().Where(c => IsDelivery(c) && IsIn(c, conversationId)).ToList();

    /// <summary>
    /// Waits for a successful call carrying an activity (send, reply, create with activity, or update)
    /// that matches; calls already received count. Times out in real time (10 s by default).
    /// </summary>
    public Task<RecordedConnectorCall> WaitForActivityAsync(Func<RecordedConnectorCall, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return _log.WaitAsync(c => c.Succeeded && c.Activity is not null && predicate(c), timeout ?? TimeSpan.FromSeconds(10), "activity");
    }

    /// <summary>Waits for any recorded call (including failed ones and lookups) that matches.</summary>
    public Task<RecordedConnectorCall> WaitForCallAsync(Func<RecordedConnectorCall, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return _log.WaitAsync(predicate, timeout ?? TimeSpan.FromSeconds(10), "connector call");
    }

    /// <summary>Forgets recorded calls (members, installs and keys stay).</summary>
    public void Clear() => _log.Clear();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }
    }

    internal static string NextMessageId() => MessageIds.Next();

    private static TaskCompletionSource OpenGate()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task HandleConnectorAsync(HttpContext context, string[] rest)
    {
        await Volatile.Read(ref _connectorOpen).Task.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        await _connector.HandleAsync(context, rest).ConfigureAwait(false);
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    private static bool IsDelivery(RecordedConnectorCall call) =>
        call.Succeeded
        && call.Activity is not null
        && call.Operation is ConnectorOperation.Send or ConnectorOperation.Reply or ConnectorOperation.CreateConversation;

    private static bool IsIn(RecordedConnectorCall call, string conversationId) =>
        call.ConversationId is { } id
        && (string.Equals(id, conversationId, StringComparison.Ordinal)
            || string.Equals(ConversationIds.WithoutThread(id), conversationId, StringComparison.Ordinal));

    private Task HandleAsync(HttpContext context)
    {
        var segments = RawPath.Segments(context);
        var isGet = HttpMethods.IsGet(context.Request.Method);
        switch (segments)
        {
            case ["teams", .. var rest]:
                return HandleConnectorAsync(context, rest);
            case ["v1", ".well-known", "openidconfiguration"] when isGet:
                Interlocked.Increment(ref _metadataRequests);
                return JsonHttp.WriteAsync(context.Response, 200, BotFrameworkMetadata());
            case ["v1", ".well-known", "keys"] when isGet:
                Interlocked.Increment(ref _keySetRequests);
                return JsonHttp.WriteAsync(context.Response, 200, _keys.BotFrameworkJwks());
            case [var tenant, "v2.0", ".well-known", "openid-configuration"] when isGet:
                return JsonHttp.WriteAsync(context.Response, 200, EntraMetadata(tenant));
            case [_, "v2.0", "keys"] when isGet:
                return JsonHttp.WriteAsync(context.Response, 200, _keys.EntraJwks());
            case [var tenant, "oauth2", "v2.0", "authorize"] when isGet:
                return SignIn.HandleAsync(context, tenant);
            default:
                return JsonHttp.WriteAsync(context.Response, 404, JsonHttp.ErrorBody("NotFound", "The stand-in channel does not serve this path."));
        }
    }

    private JsonObject BotFrameworkMetadata() => new()
    {
        ["issuer"] = ChannelTokenOptions.BotFrameworkIssuer,
        ["jwks_uri"] = KeySetUrl,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    };

    private JsonObject EntraMetadata(string tenant) => new()
    {
        // Like Entra's own "common" metadata, multi-tenant documents carry a template issuer.
        ["issuer"] = tenant is "common" or "organizations" ? EntraIssuer.For("{tenantid}") : EntraIssuer.For(tenant),
        ["jwks_uri"] = $"{BaseUrl}/{Uri.EscapeDataString(tenant)}/v2.0/keys",
        ["authorization_endpoint"] = $"{BaseUrl}/{Uri.EscapeDataString(tenant)}/oauth2/v2.0/authorize",
        ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
        ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
        ["subject_types_supported"] = new JsonArray("pairwise"),
    };
}
