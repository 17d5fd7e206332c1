using MentorBot.Features.Pairs;

namespace MentorBot.Features.Meetings;

/// <summary>
/// When an event on a mentor's calendar is a meeting of one of their pairs. Attendees are known only by email
/// address, so the mentee is matched against every address they have (mail, UPN, aliases), ignoring case.
/// </summary>
internal static class PairMeetingRules
{
    /// <summary>
    /// More people than this (rooms not counted) is a team meeting both happen to attend, not their mentoring
    /// session: a check-in after every stand-up would teach the pair to ignore check-ins.
    /// </summary>
    public const int MaxPeople = 5;

    /// <summary>The pairs (of those given, all with the calendar's owner as mentor) this event is a meeting of.</summary>
    public static IReadOnlyList<Pair> PairsMeetingIn(CalendarEvent calendarEvent, IEnumerable<Pair> pairs)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        ArgumentNullException.ThrowIfNull(pairs);
        if (!IsMeeting(calendarEvent))
        {
            return [];
        }

        return pairs.Where(p => !p.IsClosed && Includes(calendarEvent, p.Mentee) && calendarEvent.Start >= CountsFrom(p)).ToList();
    }

    /// <summary>
    /// A real, timed meeting with a few people that still takes place: not cancelled, not removed, not a series
    /// master (its occurrences come one by one), not an all-day block, not declined by the calendar's owner.
    /// </summary>
    public static bool IsMeeting(CalendarEvent calendarEvent)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        return !calendarEvent.IsRemoved
            && !calendarEvent.IsCancelled
            && calendarEvent.Kind != CalendarEventKind.SeriesMaster
            && !calendarEvent.IsAllDay
            && !calendarEvent.OwnerDeclined
            && calendarEvent is { Start: { } start, End: { } end } && end >= start
            && PeopleIn(calendarEvent) <= MaxPeople;
    }

    /// <summary>The person organizes the event or is invited and has not declined.</summary>
    public static bool Includes(CalendarEvent calendarEvent, Person person)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        ArgumentNullException.ThrowIfNull(person);
        var addresses = AddressesOf(person);
        return (calendarEvent.OrganizerAddress is { } organizer && addresses.Contains(Normalize(organizer)))
            || calendarEvent.Attendees.Any(a => !a.IsResource && !a.Declined && addresses.Contains(Normalize(a.Address)));
    }

    /// <summary>Meetings from the day before the pair's start date count (a start date has no time zone).</summary>
    public static DateTimeOffset CountsFrom(Pair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return new DateTimeOffset(pair.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
    }

    private static int PeopleIn(CalendarEvent calendarEvent)
    {
        var people = new HashSet<string>(StringComparer.Ordinal);
        if (calendarEvent.OrganizerAddress is { } organizer)
        {
            people.Add(Normalize(organizer));
        }

        foreach (var attendee in calendarEvent.Attendees.Where(a => !a.IsResource))
        {
            people.Add(Normalize(attendee.Address));
        }

        return people.Count;
    }

    private static HashSet<string> AddressesOf(Person person)
    {
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var address in person.Addresses.Append(person.Mail).Append(person.Upn))
        {
            if (!string.IsNullOrWhiteSpace(address))
            {
                addresses.Add(Normalize(address));
            }
        }

        return addresses;
    }

    /// <summary>
    /// Compared without case, trimmed, without an "smtp:" or "x500:" prefix (as proxy addresses are written): an
    /// attendee may be named by a legacy Exchange (X500) address, matched against the X500 entries of proxyAddresses.
    /// </summary>
    private static string Normalize(string address)
    {
        var trimmed = address.Trim();
        if (trimmed.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("x500:", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[5..];
        }

        return trimmed.ToUpperInvariant();
    }
}
