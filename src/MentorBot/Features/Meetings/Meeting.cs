namespace MentorBot.Features.Meetings;

/// <summary>
/// One meeting of a pair: found on the mentor's calendar or logged by hand. Only what check-ins and cadence need
/// is kept (times, status, online or not): never the subject, the body or who else was invited.
/// </summary>
public sealed record Meeting
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public required string PairId { get; init; }

    /// <summary>Stable for the life of the meeting, also when it moves (derived from the calendar event id).</summary>
    public required string MeetingKey { get; init; }

    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public MeetingStatus Status { get; init; } = MeetingStatus.Scheduled;
    public MeetingSource Source { get; init; } = MeetingSource.Calendar;
    public bool IsOnline { get; init; }

    /// <summary>The Graph event id (occurrences of a series each have their own); null for a meeting logged by hand.</summary>
    public string? EventId { get; init; }

    public string? ICalUId { get; init; }

    /// <summary>For a plain occurrence of a recurring series: the series master's event id (a change to the series reaches it).</summary>
    public string? SeriesMasterId { get; init; }

    /// <summary>Set when the same meeting was already known under another event id: this row then counts for nothing.</summary>
    public string? DuplicateOf { get; init; }

    public DateTimeOffset DiscoveredAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool Counts => Status == MeetingStatus.Scheduled && DuplicateOf is null;
}

public enum MeetingStatus
{
    Scheduled,
    Cancelled,
}

public enum MeetingSource
{
    Calendar,

    /// <summary>Logged by a party with "check in" (a call, a coffee): not on a calendar.</summary>
    Manual,
}
