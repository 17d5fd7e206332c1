using System.Collections.Concurrent;

namespace MentorBot.Features.Meetings;

/// <summary>
/// The series masters read lately, by mailbox and master id, with their change key: a series whose occurrences come
/// in a later delta without their master is resolved without asking Graph again. A master that changes comes in
/// the delta itself (graph-docs api/event-delta.md), which replaces the entry, so an entry is never stale for long.
/// Kept in memory only (organizer and attendee addresses, nothing else), and bounded.
/// </summary>
public sealed class SeriesMasterCache
{
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<(string Mailbox, string MasterId), CalendarEvent> _masters = new();

    internal void Remember(string mailbox, CalendarEvent master)
    {
        if (_masters.Count >= MaxEntries)
        {
            _masters.Clear();
        }

        _masters[(mailbox.ToUpperInvariant(), master.Id)] = master;
    }

    internal CalendarEvent? Find(string mailbox, string masterId) =>
        _masters.TryGetValue((mailbox.ToUpperInvariant(), masterId), out var master) ? master : null;

    internal void Forget(string mailbox, string masterId) => _masters.TryRemove((mailbox.ToUpperInvariant(), masterId), out _);
}
