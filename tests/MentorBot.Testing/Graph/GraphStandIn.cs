using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Testing;

/// <summary>
/// A loopback stand-in for Microsoft Graph that the real Graph SDK can talk to
/// (<c>new GraphServiceClient(httpClient, authProvider, graph.BaseUrl)</c>). Records every request;
/// serves users, checkMemberGroups and Teams app installation, and takes extra endpoints with <see cref="Map"/>.
/// </summary>
public sealed class GraphStandIn : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RecordedGraphRequest> _requests = [];
    private readonly List<GraphRoute> _routes = [];
    private readonly GraphDirectory _directory = new();
    private readonly FaultPlan _faults = new();
    private readonly GraphApi _api;
    private readonly TimeProvider _clock;
    private LoopbackWebHost? _host;
    private long _sequence;

    private GraphStandIn(TimeProvider clock)
    {
        _clock = clock;
        _api = new GraphApi(_directory, () => BaseUrl, () => DenyInstall, () => DenyAppCatalog, OnInstalled);
    }

    /// <summary>The Graph SDK base URL, <c>http://127.0.0.1:{port}/v1.0</c>. Links the stand-in emits point here (the SDK follows them as absolute URLs).</summary>
    public string BaseUrl => Root + "/v1.0";

    /// <summary>The root URL without <c>/v1.0</c>.</summary>
    public string Root => (_host ?? throw new InvalidOperationException("The Graph stand-in is not started.")).BaseUrl;

    /// <summary>When true, installing a Teams app for a user answers 403 Forbidden (no admin consent).</summary>
    public bool DenyInstall { get; set; }

    /// <summary>When true, listing <c>appCatalogs/teamsApps</c> answers 403, as for an app without AppCatalog.Read.All.</summary>
    public bool DenyAppCatalog { get; set; }

    /// <summary>
    /// Called after each successful install, inside the request; keep it quick. Wire it to
    /// <see cref="TeamsChannelStandIn.MarkInstalled"/> so 1:1 creates start to succeed.
    /// </summary>
    public Action<TeamsAppInstallation>? Installed { get; set; }

    public IReadOnlyList<RecordedGraphRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public IReadOnlyList<TeamsAppInstallation> Installations => _directory.Installations();

    public static async Task<GraphStandIn> StartAsync(TimeProvider? clock = null)
    {
        var graph = new GraphStandIn(clock ?? TimeProvider.System);
        graph._host = await LoopbackWebHost.StartAsync(nameof(GraphStandIn), graph.HandleAsync).ConfigureAwait(false);
        return graph;
    }

    /// <summary>Writes a JSON answer from a <see cref="Map"/> handler.</summary>
    public static Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode? body)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JsonHttp.WriteAsync(context.Response, statusCode, body);
    }

    public void AddUser(GraphUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _directory.AddUser(user);
    }

    /// <summary>Adds the user (by id, UPN or mail) or a nested group to a group; checkMemberGroups follows nesting.</summary>
    public void AddGroupMember(string groupId, string memberId) => _directory.AddGroupMember(groupId, memberId);

    /// <summary>Publishes an app in the org catalog (found by <c>$filter=externalId eq '…'</c>); returns it with its catalog id.</summary>
    public TeamsCatalogApp AddTeamsApp(string externalId, string displayName = "MentorBot", string? teamsAppId = null) =>
        _directory.AddCatalogApp(externalId, displayName, teamsAppId);

    /// <summary>Marks an app as already installed for a user, as if an admin had pushed it.</summary>
    public TeamsAppInstallation? AddInstallation(string userId, string teamsAppId) => _directory.TryInstall(userId, teamsAppId);

    /// <summary>
    /// Serves an extra endpoint, checked before the built-in ones (latest first). <paramref name="pathRegex"/>
    /// must match the whole unescaped path after <c>/v1.0</c>, case-insensitively, e.g.
    /// <c>/users/[^/]+/calendarView/delta\(\)</c>. The request body can be read again by the handler.
    /// </summary>
    public void Map(string method, string pathRegex, Func<HttpContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var route = new GraphRoute(method, new Regex($"^(?:{pathRegex})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), handler);
        lock (_gate)
        {
            _routes.Insert(0, route);
        }
    }

    /// <summary>The next <paramref name="count"/> requests fail with this status (and Retry-After when given).</summary>
    public void FailNext(int count, int statusCode, TimeSpan? retryAfter = null) => _faults.FailNext(count, statusCode, retryAfter);

    /// <summary>Forgets recorded requests (users, groups, routes and installs stay).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }
    }

    private void OnInstalled(TeamsAppInstallation installation) => Installed?.Invoke(installation);

    private async Task HandleAsync(HttpContext context)
    {
        var bodyText = await JsonHttp.ReadBodyTextAsync(context.Request).ConfigureAwait(false);
        var body = JsonHttp.TryParse(bodyText);
        var segments = RawPath.Segments(context);
        var injected = _faults.TryTake(out var faultStatus, out var retryAfter);
        // Recorded just before the response goes out, so once the SDK call returns a test can already see it.
        context.Response.OnStarting(() =>
        {
            Record(context, bodyText, body, injected);
            return Task.CompletedTask;
        });

        if (injected)
        {
            await GraphErrors.WriteAsync(context, faultStatus, GraphErrors.CodeFor(faultStatus), "Failure injected by the Graph stand-in.", retryAfter).ConfigureAwait(false);
        }
        else if (segments is ["v1.0", .. var rest])
        {
            var relativePath = "/" + string.Join('/', rest);
            if (FindRoute(context.Request.Method, relativePath) is { } route)
            {
                await route.Handler(context).ConfigureAwait(false);
            }
            else
            {
                await _api.HandleAsync(context, rest, body).ConfigureAwait(false);
            }
        }
        else
        {
            await GraphErrors.WriteAsync(context, 400, "BadRequest", "Graph paths start with /v1.0.").ConfigureAwait(false);
        }
    }

    private GraphRoute? FindRoute(string method, string relativePath)
    {
        lock (_gate)
        {
            return _routes.Find(r => r.Matches(method, relativePath));
        }
    }

    private void Record(HttpContext context, string bodyText, JsonNode? body, bool injected)
    {
        var request = context.Request;
        var recorded = new RecordedGraphRequest
        {
            Sequence = Interlocked.Increment(ref _sequence),
            Method = request.Method,
            Path = RawPath.Decoded(context),
            Query = request.QueryString.Value ?? "",
            QueryParameters = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            BodyText = bodyText,
            Body = body,
            ReceivedAt = _clock.GetUtcNow(),
            StatusCode = context.Response.StatusCode,
            InjectedFault = injected,
        };
        lock (_gate)
        {
            _requests.Add(recorded);
        }
    }
}
