using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MentorBot.Testing;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Testing;

/// <summary>
/// Optionally, like Graph, it limits the requests in flight per mailbox (<see cref="MailboxConcurrency"/>: beyond it,
/// 429 with Retry-After: 1) and takes <see cref="Latency"/> per request, for benchmarks.
/// Mailbox calendars behind Graph's <c>users/{id}/calendarView/delta</c> on the Graph stand-in, as the real service
/// behaves: a first request for a window returns every event in it, page by page (<c>@odata.nextLink</c>), and ends
/// with a <c>@odata.deltaLink</c>; that link later returns only what changed since, with deleted events (or events
/// moved out of the window) as <c>@removed</c>. Every link is an absolute URL back to the stand-in.
/// </summary>
public sealed partial class CalendarStandIn
{
    private readonly Lock _gate = new();
    private readonly GraphStandIn _graph;
    private readonly Dictionary<string, Dictionary<string, Entry>> _calendars = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Chain> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SyncPoint> _deltaTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private int _throttled;
    private long _version;
    private int _throttleNextPages;

    private CalendarStandIn(GraphStandIn graph)
    {
        _graph = graph;
    }

    /// <summary>Events per page, when smaller than what the client asks for with <c>odata.maxpagesize</c>.</summary>
    /// <summary>Requests one mailbox may have in flight before it answers 429; null for no limit (the default).</summary>
    public int? MailboxConcurrency { get; set; }

    /// <summary>Time each request takes; zero by default.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>429s answered for the mailbox concurrency limit.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    public int PageSize { get; set; } = 100;

    /// <summary>Start each next page with the previous page's last event again (Graph does not promise it won't).</summary>
    public bool RepeatLastEventOnNextPage { get; set; }

    public static CalendarStandIn Attach(GraphStandIn graph)
    {
        var calendars = new CalendarStandIn(graph);
        graph.Map("GET", @"/users/[^/]+/calendarView/delta(\(\))?", calendars.HandleAsync);
        return calendars;
    }

    /// <summary>Adds or changes an event (by its id) on a user's calendar.</summary>
    public void Put(string userId, JsonObject calendarEvent)
    {
        lock (_gate)
        {
            Calendar(userId)[(string)calendarEvent["id"]!] = new Entry(calendarEvent.DeepClone().AsObject(), ++_version);
        }
    }

    /// <summary>Deletes an event: later deltas report it as removed.</summary>
    public void Delete(string userId, string eventId)
    {
        lock (_gate)
        {
            Calendar(userId)[eventId] = new Entry(null, ++_version);
        }
    }

    /// <summary>Every delta link handed out so far answers 410 Gone (syncStateNotFound), as after a long pause.</summary>
    public void ExpireDeltaLinks()
    {
        lock (_gate)
        {
            foreach (var token in _deltaTokens.Keys.ToList())
            {
                _deltaTokens[token] = _deltaTokens[token] with { Expired = true };
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

    private async Task HandleAsync(HttpContext context)
    {
        var mailbox = UserInPath().Match(context.Request.Path.Value ?? "").Groups[1].Value;
        var inFlight = _inFlight.AddOrUpdate(mailbox, 1, (_, n) => n + 1);
        try
        {
            if (inFlight > MailboxConcurrency)
            {
                Interlocked.Increment(ref _throttled);
                context.Response.Headers.RetryAfter = "1";
                await GraphStandIn.WriteJsonAsync(context, 429, Error("ApplicationThrottled", "Application is over its MailboxConcurrency limit."));
                return;
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }

            await ServeAsync(context);
        }
        finally
        {
            _inFlight.AddOrUpdate(mailbox, 0, (_, n) => n - 1);
        }
    }

    private Task ServeAsync(HttpContext context)
    {
        var userId = UserInPath().Match(context.Request.Path.Value ?? "").Groups[1].Value;
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
                    context.Response.Headers.RetryAfter = "0";
                    return GraphStandIn.WriteJsonAsync(context, 429, Error("TooManyRequests", "Application is over its MailboxConcurrency limit."));
                }

                if (!_pages.TryGetValue(skip.ToString(), out var chain))
                {
                    return GraphStandIn.WriteJsonAsync(context, 410, Error("resyncRequired", "The page token is no longer valid."));
                }

                body = Page(chain, pageSize);
            }
            else if (query.TryGetValue("$deltatoken", out var delta))
            {
                if (!_deltaTokens.TryGetValue(delta.ToString(), out var since) || since.Expired)
                {
                    return GraphStandIn.WriteJsonAsync(context, 410, Error("syncStateNotFound", "The sync state was not found or has expired."));
                }

                body = Page(new Chain(since.UserId, since.From, since.To, Changes(since), _version, 0), pageSize);
            }
            else
            {
                var from = DateTimeOffset.Parse(query["startDateTime"].ToString(), CultureInfo.InvariantCulture);
                var to = DateTimeOffset.Parse(query["endDateTime"].ToString(), CultureInfo.InvariantCulture);
                var all = Calendar(userId).Values.Where(e => e.Event is not null && Overlaps(e.Event, from, to)).Select(e => e.Event!.DeepClone()).ToList();
                body = Page(new Chain(userId, from, to, all, _version, 0), pageSize);
            }
        }

        return GraphStandIn.WriteJsonAsync(context, 200, body);
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
        if (next < chain.Items.Count)
        {
            var token = NewToken();
            _pages[token] = chain with { Offset = RepeatLastEventOnNextPage ? next - 1 : next };
            page["@odata.nextLink"] = $"{link}?$skiptoken={token}";
        }
        else
        {
            var token = NewToken();
            _deltaTokens[token] = new SyncPoint(chain.UserId, chain.From, chain.To, chain.Version, Expired: false);
            page["@odata.deltaLink"] = $"{link}?$deltatoken={token}";
        }

        return page;
    }

    /// <summary>What changed after a sync point: changed events in the window, or removals (deleted, or moved out of it).</summary>
    private List<JsonNode> Changes(SyncPoint since) =>
        Calendar(since.UserId)
            .Where(e => e.Value.Version > since.Version)
            .OrderBy(e => e.Value.Version)
            .Select(e => e.Value.Event is { } live && Overlaps(live, since.From, since.To)
                ? live.DeepClone()
                : new JsonObject { ["@odata.type"] = "#microsoft.graph.event", ["id"] = e.Key, ["@removed"] = new JsonObject { ["reason"] = "deleted" } })
            .ToList();

    private static bool Overlaps(JsonObject calendarEvent, DateTimeOffset from, DateTimeOffset to)
    {
        static DateTimeOffset Read(JsonNode? time) =>
            new(DateTime.Parse((string)time!["dateTime"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

        return Read(calendarEvent["start"]) < to && Read(calendarEvent["end"]) > from;
    }

    private static int MaxPageSize(string prefer)
    {
        var match = MaxPageSizePreference().Match(prefer);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 10;
    }

    private static string NewToken() => Guid.NewGuid().ToString("N");

    private static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    [GeneratedRegex(@"/users/([^/]+)/calendarView", RegexOptions.IgnoreCase)]
    private static partial Regex UserInPath();

    [GeneratedRegex(@"odata\.maxpagesize=(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPageSizePreference();

    private sealed record Entry(JsonObject? Event, long Version);

    private sealed record Chain(string UserId, DateTimeOffset From, DateTimeOffset To, List<JsonNode> Items, long Version, int Offset);

    private sealed record SyncPoint(string UserId, DateTimeOffset From, DateTimeOffset To, long Version, bool Expired);
}
