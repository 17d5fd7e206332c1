using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Testing;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Trial;

/// <summary>
/// <c>users/{id}/calendarView/delta</c> for the demo: every calendar holds the events given at start. The first
/// request of a window returns those in it and a delta link; the delta link then reports no changes.
/// </summary>
internal sealed class DemoCalendar
{
    private readonly GraphStandIn _graph;
    private readonly Dictionary<string, List<JsonObject>> _events = new(StringComparer.OrdinalIgnoreCase);

    public DemoCalendar(GraphStandIn graph)
    {
        _graph = graph;
        graph.Map("GET", @"/users/[^/]+/calendarView/delta(\(\))?", HandleAsync);
    }

    public void Add(string userId, JsonObject calendarEvent)
    {
        if (!_events.TryGetValue(userId, out var list))
        {
            _events[userId] = list = [];
        }

        list.Add(calendarEvent);
    }

    /// <summary>A one-to-one meeting in Graph's event shape, times in UTC.</summary>
    public static JsonObject Meeting(string id, string subject, DateTimeOffset start, DateTimeOffset end, DemoPerson organizer, DemoPerson attendee) => new()
    {
        ["@odata.type"] = "#microsoft.graph.event",
        ["@odata.etag"] = $"W/\"{id}\"",
        ["id"] = id,
        ["iCalUId"] = "trial-" + id,
        ["subject"] = subject,
        ["type"] = "singleInstance",
        ["isCancelled"] = false,
        ["isAllDay"] = false,
        ["showAs"] = "busy",
        ["responseStatus"] = new JsonObject { ["response"] = "organizer", ["time"] = "0001-01-01T00:00:00Z" },
        ["start"] = Time(start),
        ["end"] = Time(end),
        ["organizer"] = new JsonObject { ["emailAddress"] = Address(organizer) },
        ["attendees"] = new JsonArray(new JsonObject
        {
            ["type"] = "required",
            ["status"] = new JsonObject { ["response"] = "accepted", ["time"] = "0001-01-01T00:00:00Z" },
            ["emailAddress"] = Address(attendee),
        }),
    };

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var userId = Uri.UnescapeDataString(path.Split('/', StringSplitOptions.RemoveEmptyEntries)[2]);
        var link = $"{_graph.BaseUrl}/users/{userId}/calendarView/delta()?$deltatoken=unchanged";
        var items = new JsonArray();
        if (!context.Request.Query.ContainsKey("$deltatoken") && _events.TryGetValue(userId, out var list))
        {
            var from = Parse(context.Request.Query["startDateTime"]);
            var to = Parse(context.Request.Query["endDateTime"]);
            foreach (var e in list.Where(e => Parse((string?)e["start"]!["dateTime"]) < to && Parse((string?)e["end"]!["dateTime"]) > from))
            {
                items.Add(e.DeepClone());
            }
        }

        return GraphStandIn.WriteJsonAsync(context, 200, new JsonObject
        {
            ["@odata.context"] = $"{_graph.BaseUrl}/$metadata#Collection(event)",
            ["value"] = items,
            ["@odata.deltaLink"] = link,
        });
    }

    private static DateTimeOffset Parse(string? text) =>
        string.IsNullOrEmpty(text)
            ? DateTimeOffset.MinValue
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static JsonObject Time(DateTimeOffset value) => new()
    {
        ["dateTime"] = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };

    private static JsonObject Address(DemoPerson person) => new() { ["name"] = person.Name, ["address"] = person.Upn };
}
