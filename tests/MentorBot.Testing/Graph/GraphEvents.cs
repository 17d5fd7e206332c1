using System.Globalization;
using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>Calendar events in Graph's JSON shape, with times in UTC as asked for with <c>Prefer: outlook.timezone="UTC"</c>.</summary>
public static class GraphEvents
{
    public static JsonObject Meeting(string id, DateTimeOffset start, TimeSpan length, string organizer, params string[] attendees) =>
        new()
        {
            ["@odata.type"] = "#microsoft.graph.event",
            ["@odata.etag"] = $"W/\"{Guid.NewGuid():N}\"",
            ["id"] = id,
            ["iCalUId"] = "040000008200E00074C5B7101A82E008" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(id)),
            ["subject"] = $"Private topic {id}",
            ["bodyPreview"] = "",
            ["type"] = "singleInstance",
            ["isCancelled"] = false,
            ["isAllDay"] = false,
            ["isOnlineMeeting"] = true,
            ["onlineMeetingProvider"] = "teamsForBusiness",
            ["showAs"] = "busy",
            ["responseStatus"] = new JsonObject { ["response"] = "organizer", ["time"] = "0001-01-01T00:00:00Z" },
            ["start"] = Time(start),
            ["end"] = Time(start + length),
            ["organizer"] = new JsonObject { ["emailAddress"] = Address(organizer) },
            ["attendees"] = new JsonArray(attendees.Select(a => (JsonNode)new JsonObject
            {
                ["type"] = "required",
                ["status"] = new JsonObject { ["response"] = "accepted", ["time"] = "0001-01-01T00:00:00Z" },
                ["emailAddress"] = Address(a),
            }).ToArray()),
        };

    /// <summary>
    /// One occurrence of a series as the stand-in stores it: only what makes it an occurrence. Delta serves it like this
    /// (a stub); calendarView and GET /events/{id} fill in the rest from its master.
    /// </summary>
    public static JsonObject Occurrence(string seriesId, int index, DateTimeOffset start, TimeSpan length) => new()
    {
        ["@odata.type"] = "#microsoft.graph.event",
        ["@odata.etag"] = $"W/\"{Guid.NewGuid():N}\"",
        ["id"] = OccurrenceId(seriesId, index),
        ["type"] = "occurrence",
        ["seriesMasterId"] = seriesId,
        ["start"] = Time(start),
        ["end"] = Time(start + length),
    };

    /// <summary>The id the stand-in gives occurrence <paramref name="index"/> of a series (Graph's are opaque).</summary>
    public static string OccurrenceId(string seriesId, int index) => $"{seriesId}-occurrence-{index}";

    /// <summary>A weekly series master: the first occurrence's times, a weekly recurrence, a change key.</summary>
    public static JsonObject SeriesMaster(string seriesId, DateTimeOffset firstStart, TimeSpan length, string organizer, params string[] attendees)
    {
        var master = Meeting(seriesId, firstStart, length, organizer, attendees);
        master["type"] = "seriesMaster";
        master["changeKey"] = Guid.NewGuid().ToString("N");
        master["recurrence"] = new JsonObject
        {
            ["pattern"] = new JsonObject { ["type"] = "weekly", ["interval"] = 1, ["daysOfWeek"] = new JsonArray(firstStart.UtcDateTime.DayOfWeek.ToString().ToLowerInvariant()) },
            ["range"] = new JsonObject { ["type"] = "noEnd", ["startDate"] = firstStart.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        };
        return master;
    }

    /// <summary>
    /// A weekly series of <paramref name="count"/> occurrences from <paramref name="firstStart"/>: its master and its
    /// occurrences, the master first.
    /// </summary>
    public static IReadOnlyList<JsonObject> WeeklySeries(string seriesId, DateTimeOffset firstStart, int count, TimeSpan length, string organizer, params string[] attendees) =>
        [SeriesMaster(seriesId, firstStart, length, organizer, attendees), .. Enumerable.Range(0, count).Select(i => Occurrence(seriesId, i, firstStart.AddDays(7 * i), length))];

    /// <summary>An occurrence edited on its own (an exception): the master's properties, its own times, served in full everywhere.</summary>
    public static JsonObject Exception(JsonObject master, int index, DateTimeOffset start, TimeSpan length)
    {
        ArgumentNullException.ThrowIfNull(master);
        var exception = master.DeepClone().AsObject();
        exception.Remove("recurrence");
        exception["id"] = OccurrenceId((string)master["id"]!, index);
        exception["type"] = "exception";
        exception["seriesMasterId"] = (string)master["id"]!;
        exception["start"] = Time(start);
        exception["end"] = Time(start + length);
        return exception;
    }

    /// <summary>The calendar's owner declined the event (or the whole series, on its master) and kept it on the calendar.</summary>
    public static JsonObject DeclinedByOwner(JsonObject calendarEvent)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        var declined = calendarEvent.DeepClone().AsObject();
        declined["responseStatus"] = new JsonObject { ["response"] = "declined", ["time"] = "0001-01-01T00:00:00Z" };
        declined["changeKey"] = Guid.NewGuid().ToString("N");
        return declined;
    }

    public static JsonObject Cancelled(JsonObject calendarEvent)
    {
        var cancelled = calendarEvent.DeepClone().AsObject();
        cancelled["isCancelled"] = true;
        return cancelled;
    }

    public static JsonObject MovedTo(JsonObject calendarEvent, DateTimeOffset start, TimeSpan length)
    {
        var moved = calendarEvent.DeepClone().AsObject();
        moved["start"] = Time(start);
        moved["end"] = Time(start + length);
        return moved;
    }

    private static JsonObject Time(DateTimeOffset value) => new()
    {
        ["dateTime"] = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };

    private static JsonObject Address(string address) => new() { ["name"] = address.Split('@')[0], ["address"] = address };
}
