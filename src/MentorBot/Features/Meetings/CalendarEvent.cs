namespace MentorBot.Features.Meetings;

/// <summary>
/// What discovery needs from a calendar event, read from Graph and nothing more (no subject, no body).
/// A removed event (<c>@removed</c> in a delta) has only its id.
/// </summary>
internal sealed record CalendarEvent
{
    public required string Id { get; init; }
    public bool IsRemoved { get; init; }
    public string? ICalUId { get; init; }
    public CalendarEventKind Kind { get; init; }
    public bool IsCancelled { get; init; }
    public bool IsAllDay { get; init; }
    public bool IsOnline { get; init; }

    /// <summary>Null when Graph sent a time that could not be read (then the event is not a meeting).</summary>
    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }
    public string? OrganizerAddress { get; init; }
    public IReadOnlyList<CalendarAttendee> Attendees { get; init; } = [];

    /// <summary>The calendar's owner (the mentor) declined but kept the event.</summary>
    public bool OwnerDeclined { get; init; }

    public static CalendarEvent Removed(string id) => new() { Id = id, IsRemoved = true };
}

internal sealed record CalendarAttendee(string Address, bool IsResource = false, bool Declined = false);

internal enum CalendarEventKind
{
    SingleInstance,
    Occurrence,
    Exception,
    SeriesMaster,
}
