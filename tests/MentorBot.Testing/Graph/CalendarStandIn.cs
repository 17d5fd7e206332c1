using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Testing;

/// <summary>
/// Mailbox calendars on the Graph stand-in, served as Graph documents them:
/// <list type="bullet">
/// <item><c>users/{id}/calendarView/delta</c>: a first request for a window returns every event in it page by page
/// (<c>@odata.nextLink</c>) and ends with a <c>@odata.deltaLink</c>, which later returns only what changed since
/// (graph-docs api/event-delta.md). A recurring series comes as its series master in full plus each occurrence as a
/// stub (see <see cref="CalendarShapes"/>); exceptions come in full. Deleted events, and events changed or moved
/// outside the window, come as <c>@removed</c> with reason <c>deleted</c> (event-delta.md; microsoft-graph-docs issue 6599).</item>
/// <item><c>users/{id}/calendarView</c>: occurrences, exceptions and single events in full, no series masters
/// (graph-docs api/user-list-calendarview.md).</item>
/// <item><c>users/{id}/events/{id}</c>: one event in full, occurrences included (graph-docs api/event-get.md);
/// 404 ErrorItemNotFound when it does not exist.</item>
/// </list>
/// Optionally, like Graph, it limits the requests in flight per mailbox (<see cref="MailboxConcurrency"/>: beyond it,
/// 429 with Retry-After: 1; graph-docs concepts/throttling-limits.md, Outlook service: 4 concurrent requests) and takes
/// <see cref="Latency"/> per request, for benchmarks.
/// </summary>
public sealed partial class CalendarStandIn
{
    private readonly Lock _gate = new();
    private readonly GraphStandIn _graph;
    private readonly Dictionary<string, Dictionary<string, Entry>> _calendars = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Chain> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SyncPoint> _deltaTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MailboxFailure> _unreadable = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private int _throttled;
    private long _version;
    private int _throttleNextPages;

    private CalendarStandIn(GraphStandIn graph)
    {
        _graph = graph;
    }

    /// <summary>Requests one mailbox may have in flight before it answers 429; null for no limit (the default).</summary>
    public int? MailboxConcurrency { get; set; }

    /// <summary>Time each request takes; zero by default.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>429s answered for the mailbox concurrency limit.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Events per page, when smaller than what the client asks for with <c>odata.maxpagesize</c>.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Start each next page with the previous page's last event again (Graph does not promise it won't).</summary>
    public bool RepeatLastEventOnNextPage { get; set; }

    public static CalendarStandIn Attach(GraphStandIn graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var calendars = new CalendarStandIn(graph);
        graph.Map("GET", @"/users/[^/]+/calendarView/delta(\(\))?", context => calendars.GuardAsync(context, calendars.ServeDelta));
        graph.Map("GET", @"/users/[^/]+/calendarView", context => calendars.GuardAsync(context, calendars.ServeCalendarView));
        graph.Map("GET", @"/users/[^/]+/events/[^/]+", context => calendars.GuardAsync(context, calendars.ServeEvent));
        return calendars;
    }

    /// <summary>
    /// Adds or changes an event (by its id) on a user's calendar. An event of type <c>occurrence</c> needs only its id,
    /// seriesMasterId, start and end (<see cref="GraphEvents.Occurrence"/>): the rest is its master's.
    /// </summary>
    public void Put(string userId, JsonObject calendarEvent)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        lock (_gate)
        {
            Calendar(userId)[(string)calendarEvent["id"]!] = new Entry(calendarEvent.DeepClone().AsObject(), ++_version);
        }
    }

    /// <summary>Deletes an event (a series master with all its occurrences): later deltas report each as removed.</summary>
    public void Delete(string userId, string eventId)
    {
        lock (_gate)
        {
            var calendar = Calendar(userId);
            foreach (var occurrence in calendar.Where(e => e.Value.Event is { } live && (string?)live["seriesMasterId"] == eventId).Select(e => e.Key).ToList())
            {
                calendar[occurrence] = new Entry(null, ++_version);
            }

            calendar[eventId] = new Entry(null, ++_version);
        }
    }

    /// <summary>Every delta link handed out so far fails from now on, as after a long pause or a mailbox move.</summary>
    public void ExpireDeltaLinks(DeltaLinkFailure failure = DeltaLinkFailure.SyncStateNotFound)
    {
        lock (_gate)
        {
            foreach (var token in _deltaTokens.Keys.ToList())
            {
                _deltaTokens[token] = _deltaTokens[token] with { Failure = failure };
            }
        }
    }

    /// <summary>Every calendar request for this user fails as Graph answers for a mailbox it cannot reach; null makes it readable again.</summary>
    public void MakeMailboxUnreadable(string userId, MailboxFailure? failure)
    {
        lock (_gate)
        {
            if (failure is { } why)
            {
                _unreadable[userId] = why;
            }
            else
            {
                _unreadable.Remove(userId);
            }
        }
    }

    /// <summary>The next request for a follow-up page answers 429 with Retry-After (once).</summary>
    public void ThrottleNextPage()
    {
        lock (_gate)
        {
            _throttleNextPages = 1;
        }
    }

    private Dictionary<string, Entry> Calendar(string userId)
    {
        if (!_calendars.TryGetValue(userId, out var calendar))
        {
            calendar = new Dictionary<string, Entry>(StringComparer.Ordinal);
            _calendars[userId] = calendar;
        }

        return calendar;
    }

    /// <summary>The per-mailbox concurrency limit, latency and an unreadable mailbox, before any calendar route.</summary>
    private async Task GuardAsync(HttpContext context, Func<HttpContext, string, Task> serve)
    {
        var mailbox = UserInPath().Match(context.Request.Path.Value ?? "").Groups[1].Value;
        var inFlight = _inFlight.AddOrUpdate(mailbox, 1, (_, n) => n + 1);
        try
        {
            if (inFlight > MailboxConcurrency)
            {
                Interlocked.Increment(ref _throttled);
                await GraphErrors.WriteAsync(context, 429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", TimeSpan.FromSeconds(1));
                return;
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }

            MailboxFailure? failure;
            lock (_gate)
            {
                failure = _unreadable.TryGetValue(mailbox, out var why) ? why : null;
            }

            await (failure switch
            {
                MailboxFailure.NotEnabledForRest => GraphErrors.WriteAsync(context, 404, "MailboxNotEnabledForRESTAPI",
                    "The mailbox is either inactive, soft-deleted, or is hosted on-premise."),
                MailboxFailure.NoMailbox => GraphErrors.WriteAsync(context, 404, "ResourceNotFound", "Resource could not be discovered."),
                MailboxFailure.AccessDenied => GraphErrors.WriteAsync(context, 403, "ErrorAccessDenied", "Access to OData is disabled."),
                _ => serve(context, mailbox),
            });
        }
        finally
        {
            _inFlight.AddOrUpdate(mailbox, 0, (_, n) => n - 1);
        }
    }

    private Task ServeDelta(HttpContext context, string userId)
    {
        var query = context.Request.Query;
        var pageSize = Math.Min(PageSize, MaxPageSize(context.Request.Headers["Prefer"].ToString()));
        JsonObject body;
        lock (_gate)
        {
            if (query.TryGetValue("$skiptoken", out var skip))
            {
                if (_throttleNextPages > 0)
                {
                    _throttleNextPages--;
                    return GraphErrors.WriteAsync(context, 429, "TooManyRequests", "Application is over its MailboxConcurrency limit.", TimeSpan.Zero);
                }

                if (!_pages.TryGetValue(skip.ToString(), out var chain))
                {
                    return GraphErrors.WriteAsync(context, 410, "resyncRequired", "The page token is no longer valid.");
                }

                body = Page(chain, pageSize);
            }
            else if (query.TryGetValue("$deltatoken", out var delta))
            {
                if (!_deltaTokens.TryGetValue(delta.ToString(), out var since))
                {
                    return GraphErrors.WriteAsync(context, 400, "InvalidDeltaToken", $"The value '{delta}' of parameter '$deltaToken' is invalid.");
                }

                if (since.Failure is { } failure)
                {
                    return WriteDeltaFailureAsync(context, failure, delta.ToString());
                }

                body = Page(new Chain(since.UserId, since.From, since.To, Changes(since), _version, 0), pageSize);
            }
            else
            {
                var (from, to) = Window(query);
                var all = Calendar(userId).Values.Select(e => e.Event).OfType<JsonObject>()
                    .Where(e => InWindow(userId, e, from, to))
                    // Graph promises no order; masters last makes a client cope with occurrences before their series.
                    .OrderBy(CalendarShapes.IsMaster)
                    .Select(e => (JsonNode)CalendarShapes.ForDelta(e))
                    .ToList();
                body = Page(new Chain(userId, from, to, all, _version, 0), pageSize);
            }
        }

        return GraphStandIn.WriteJsonAsync(context, 200, body);
    }

    private Task ServeCalendarView(HttpContext context, string userId)
    {
        var (from, to) = Window(context.Request.Query);
        JsonObject body;
        lock (_gate)
        {
            var calendar = Calendar(userId);
            var events = calendar.Values.Select(e => e.Event).OfType<JsonObject>()
                .Where(e => !CalendarShapes.IsMaster(e) && CalendarShapes.Overlaps(e, from, to))
                .Select(e => CalendarShapes.Full(e, id => Live(calendar, id)))
                .OfType<JsonObject>()
                .ToArray();
            body = new JsonObject
            {
                ["@odata.context"] = $"{_graph.BaseUrl}/$metadata#users('{userId}')/calendarView",
                ["value"] = new JsonArray(events.Cast<JsonNode?>().ToArray()),
            };
        }

        return GraphStandIn.WriteJsonAsync(context, 200, body);
    }

    private Task ServeEvent(HttpContext context, string userId)
    {
        var eventId = Uri.UnescapeDataString((context.Request.Path.Value ?? "").Split('/')[^1]);
        JsonObject? found;
        lock (_gate)
        {
            var calendar = Calendar(userId);
            found = Live(calendar, eventId) is { } live ? CalendarShapes.Full(live, id => Live(calendar, id)) : null;
        }

        return found is null
            ? GraphErrors.WriteAsync(context, 404, "ErrorItemNotFound", "The specified object was not found in the store.")
            : GraphStandIn.WriteJsonAsync(context, 200, found);
    }

    private static Task WriteDeltaFailureAsync(HttpContext context, DeltaLinkFailure failure, string token) => failure switch
    {
        DeltaLinkFailure.ResyncRequired => GraphErrors.WriteAsync(context, 410, "resyncRequired", "Resync required."),
        DeltaLinkFailure.InvalidDeltaToken => GraphErrors.WriteAsync(context, 400, "InvalidDeltaToken", $"The value '{token}' of parameter '$deltaToken' is invalid."),
        DeltaLinkFailure.GoneWithoutJson => PlainGoneAsync(context),
        DeltaLinkFailure.GoneWithHtml => HtmlGoneAsync(context),
        _ => GraphErrors.WriteAsync(context, 410, "syncStateNotFound", "The sync state was not found or has expired."),
    };

    private static Task PlainGoneAsync(HttpContext context)
    {
        context.Response.StatusCode = 410;
        return Task.CompletedTask;
    }

    private static Task HtmlGoneAsync(HttpContext context)
    {
        context.Response.StatusCode = 410;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync("<html><head><title>410 Gone</title></head><body><h1>Gone</h1></body></html>");
    }

    /// <summary>Serves one page of a chain and remembers where the next one starts.</summary>
    private JsonObject Page(Chain chain, int pageSize)
    {
        var items = chain.Items.Skip(chain.Offset).Take(pageSize).ToList();
        var next = chain.Offset + items.Count;
        var page = new JsonObject
        {
            ["@odata.context"] = $"{_graph.BaseUrl}/$metadata#Collection(event)",
            ["value"] = new JsonArray(items.Select(i => i.DeepClone()).ToArray()),
        };
        var link = $"{_graph.BaseUrl}/users/{chain.UserId}/calendarView/delta()";
        var token = Guid.NewGuid().ToString("N");
        if (next < chain.Items.Count)
        {
            _pages[token] = chain with { Offset = RepeatLastEventOnNextPage ? next - 1 : next };
            page["@odata.nextLink"] = $"{link}?$skiptoken={token}";
        }
        else
        {
            _deltaTokens[token] = new SyncPoint(chain.UserId, chain.From, chain.To, chain.Version, Failure: null);
            page["@odata.deltaLink"] = $"{link}?$deltatoken={token}";
        }

        return page;
    }

    /// <summary>What changed after a sync point: changed events in the window, or removals (deleted, or changed outside it).</summary>
    private List<JsonNode> Changes(SyncPoint since) =>
        Calendar(since.UserId)
            .Where(e => e.Value.Version > since.Version)
            .OrderBy(e => e.Value.Version)
            .Select(e => e.Value.Event is { } live && InWindow(since.UserId, live, since.From, since.To)
                ? CalendarShapes.ForDelta(live)
                : new JsonObject { ["@odata.type"] = "#microsoft.graph.event", ["id"] = e.Key, ["@removed"] = new JsonObject { ["reason"] = "deleted" } })
            .ToList<JsonNode>();

    /// <summary>A series master is in a window when one of its occurrences is; anything else by its own times.</summary>
    private bool InWindow(string userId, JsonObject calendarEvent, DateTimeOffset from, DateTimeOffset to)
    {
        if (!CalendarShapes.IsMaster(calendarEvent))
        {
            return CalendarShapes.Overlaps(calendarEvent, from, to);
        }

        var id = (string?)calendarEvent["id"];
        return CalendarShapes.Overlaps(calendarEvent, from, to)
            || Calendar(userId).Values.Any(e => e.Event is { } o && (string?)o["seriesMasterId"] == id && CalendarShapes.Overlaps(o, from, to));
    }

    private static JsonObject? Live(Dictionary<string, Entry> calendar, string id) => calendar.TryGetValue(id, out var entry) ? entry.Event : null;

    private static (DateTimeOffset From, DateTimeOffset To) Window(IQueryCollection query) =>
        (DateTimeOffset.Parse(query["startDateTime"].ToString(), CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(query["endDateTime"].ToString(), CultureInfo.InvariantCulture));

    private static int MaxPageSize(string prefer)
    {
        var match = MaxPageSizePreference().Match(prefer);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 10;
    }

    [GeneratedRegex(@"/users/([^/]+)/(calendarView|events)", RegexOptions.IgnoreCase)]
    private static partial Regex UserInPath();

    [GeneratedRegex(@"odata\.maxpagesize=(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPageSizePreference();

    private sealed record Entry(JsonObject? Event, long Version);

    private sealed record Chain(string UserId, DateTimeOffset From, DateTimeOffset To, List<JsonNode> Items, long Version, int Offset);

    private sealed record SyncPoint(string UserId, DateTimeOffset From, DateTimeOffset To, long Version, DeltaLinkFailure? Failure);
}
