using System.Globalization;
using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>
/// The two shapes Graph gives an occurrence of a recurring series. Stored occurrences hold only what makes them an
/// occurrence (id, seriesMasterId, start, end); the rest comes from their series master.
/// </summary>
internal static class CalendarShapes
{
    // calendarView/delta sends each occurrence with exactly these properties (microsoftgraph/microsoft-graph-docs
    // issue 7632, microsoft-graph-docs-contrib issues 5602 and 34).
    private static readonly string[] StubProperties = ["@odata.type", "@odata.etag", "id", "type", "seriesMasterId", "start", "end"];

    // Properties of the master that describe the series rather than any one occurrence.
    private static readonly string[] SeriesOnly = ["id", "type", "start", "end", "recurrence", "iCalUId", "@odata.etag", "seriesMasterId"];

    public static bool IsOccurrence(JsonObject calendarEvent) => (string?)calendarEvent["type"] == "occurrence";

    public static bool IsMaster(JsonObject calendarEvent) => (string?)calendarEvent["type"] == "seriesMaster";

    /// <summary>What delta sends: masters, exceptions and single events in full, occurrences as stubs.</summary>
    public static JsonObject ForDelta(JsonObject calendarEvent)
    {
        if (!IsOccurrence(calendarEvent))
        {
            return calendarEvent.DeepClone().AsObject();
        }

        var stub = new JsonObject();
        foreach (var name in StubProperties)
        {
            stub[name] = calendarEvent[name]?.DeepClone();
        }

        stub["@odata.type"] ??= "#microsoft.graph.event";
        return stub;
    }

    /// <summary>
    /// What plain calendarView and GET /events/{id} send: an occurrence in full, its series' properties with its own
    /// id, times and iCalUId (graph-docs resources/event.md: iCalUId differs per occurrence; microsoft-graph-docs-contrib
    /// issue 34: "/calendarView and /events/{id} return full events"). Null when its master is gone.
    /// </summary>
    public static JsonObject? Full(JsonObject calendarEvent, Func<string, JsonObject?> masterById)
    {
        if (!IsOccurrence(calendarEvent))
        {
            return calendarEvent.DeepClone().AsObject();
        }

        if (masterById((string)calendarEvent["seriesMasterId"]!) is not { } master)
        {
            return null;
        }

        var full = master.DeepClone().AsObject();
        foreach (var name in SeriesOnly)
        {
            full.Remove(name);
        }

        foreach (var name in StubProperties)
        {
            full[name] = calendarEvent[name]?.DeepClone();
        }

        full["iCalUId"] = (string?)master["iCalUId"] + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes((string)calendarEvent["id"]!));
        return full;
    }

    public static bool Overlaps(JsonObject calendarEvent, DateTimeOffset from, DateTimeOffset to) =>
        Read(calendarEvent["start"]) < to && Read(calendarEvent["end"]) > from;

    private static DateTimeOffset Read(JsonNode? time) =>
        new(DateTime.Parse((string)time!["dateTime"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);
}
