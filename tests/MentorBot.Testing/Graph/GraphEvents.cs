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

    /// <summary>One occurrence of a series: its own id and iCalUId, the series master's id.</summary>
    public static JsonObject Occurrence(string seriesId, int index, DateTimeOffset start, TimeSpan length, string organizer, params string[] attendees)
    {
        var occurrence = Meeting($"{seriesId}-occurrence-{index}", start, length, organizer, attendees);
        occurrence["type"] = "occurrence";
        occurrence["seriesMasterId"] = seriesId;
        return occurrence;
    }

    public static JsonObject SeriesMaster(string seriesId, DateTimeOffset firstStart, TimeSpan length, string organizer, params string[] attendees)
    {
        var master = Meeting(seriesId, firstStart, length, organizer, attendees);
        master["type"] = "seriesMaster";
        return master;
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
