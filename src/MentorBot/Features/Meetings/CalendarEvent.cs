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

    /// <summary>For an occurrence or exception: its series master's id.</summary>
    public string? SeriesMasterId { get; init; }

    /// <summary>Graph's version of the event (changeKey); a series master read again with the same one has not changed.</summary>
    public string? ChangeKey { get; init; }
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

    /// <summary>
    /// A plain occurrence as the meeting it is: its own id and times, everything else from its series master. Delta
    /// sends occurrences as stubs with nothing else (microsoft-graph-docs issue 7632), and a plain occurrence has
    /// nothing of its own besides (one edited on its own is an exception and comes in full).
    /// </summary>
    public CalendarEvent ResolvedThrough(CalendarEvent master)
    {
        ArgumentNullException.ThrowIfNull(master);
        return master with
        {
            Id = Id,
            Kind = CalendarEventKind.Occurrence,
            SeriesMasterId = master.Id,
            ICalUId = ICalUId,
            Start = Start,
            End = End,
            ChangeKey = ChangeKey,
        };
    }
}

internal sealed record CalendarAttendee(string Address, bool IsResource = false, bool Declined = false);

internal enum CalendarEventKind
{
    SingleInstance,
    Occurrence,
    Exception,
    SeriesMaster,
}
