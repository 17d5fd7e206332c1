using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace MentorBot.Features.Meetings;

/// <summary>
/// Reads a calendar incrementally with <c>calendarView/delta</c>, and single events (a series master, an event
/// reported removed) with <c>GET /events/{id}</c> (app-only; <c>Calendars.ReadBasic</c> suffices as no body is read).
/// The SDK's pipeline already waits out 429 and 503 as Graph asks; when it gives up, the exception reaches the scan
/// job, which is retried later from the position stored before. A delta position Graph no longer honours is a
/// <see cref="CalendarSyncExpiredException"/>; a mailbox Graph cannot reach at all is a <see cref="MailboxUnreadableException"/>.
/// </summary>
public sealed class CalendarReader
{
    /// <summary>Events per page: a month of a busy calendar in a few requests.</summary>
    internal const int PageSize = 50;

    // 410 syncStateNotFound / resyncRequired (graph-docs concepts/delta-query-overview.md); 400 InvalidDeltaToken
    // (microsoft-graph-docs issue 6599).
    private static readonly string[] SyncStateLostCodes = ["syncStateNotFound", "resyncRequired", "syncStateInvalid", "InvalidDeltaToken"];

    private readonly GraphServiceClient _graph;

    public CalendarReader(GraphServiceClient graph)
    {
        _graph = graph;
    }

    /// <summary>
    /// Hands every page of changes to <paramref name="onPage"/>, in order: since <paramref name="deltaLink"/>, or every
    /// event of <paramref name="window"/> when there is none. Returns the delta link for next time, which the caller
    /// stores only after all pages were handled. Throws <see cref="CalendarSyncExpiredException"/> when the link has expired.
    /// </summary>
    internal async Task<string> ReadAsync(string userId, string? deltaLink, ScanWindow window,
        Func<IReadOnlyList<CalendarEvent>, CancellationToken, Task> onPage, CancellationToken cancellationToken)
    {
        var delta = _graph.Users[userId].CalendarView.Delta;
        try
        {
            var page = deltaLink is null
                ? await delta.GetAsDeltaGetResponseAsync(r =>
                {
                    r.QueryParameters.StartDateTime = Iso(window.From);
                    r.QueryParameters.EndDateTime = Iso(window.To);
                    Prefer(r.Headers);
                }, cancellationToken).ConfigureAwait(false)
                : await delta.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(r => Prefer(r.Headers), cancellationToken).ConfigureAwait(false);

            while (true)
            {
                if (page is null)
                {
                    throw new InvalidOperationException("Graph answered a calendar delta request without a body.");
                }

                var events = (page.Value ?? []).Select(ToCalendarEvent).OfType<CalendarEvent>().ToList();
                await onPage(events, cancellationToken).ConfigureAwait(false);
                if (page.OdataDeltaLink is { Length: > 0 } next)
                {
                    return next;
                }

                if (page.OdataNextLink is not { Length: > 0 } nextPage)
                {
                    throw new InvalidOperationException("Graph answered a calendar delta page with neither a next link nor a delta link.");
                }

                page = await delta.WithUrl(nextPage).GetAsDeltaGetResponseAsync(r => Prefer(r.Headers), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ApiException error) when (deltaLink is not null && IsSyncStateLost(error))
        {
            throw new CalendarSyncExpiredException($"Graph no longer knows this calendar's delta position ({error.ResponseStatusCode} {(error as ODataError)?.Error?.Code}).", error);
        }
        catch (ODataError error) when (MailboxUnreadableException.From(error) is { } unreadable)
        {
            throw unreadable;
        }
    }

    /// <summary>One event in full (an occurrence with its series' properties), or null when it no longer exists.</summary>
    internal async Task<CalendarEvent?> GetEventAsync(string userId, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var found = await _graph.Users[userId].Events[eventId].GetAsync(r => r.Headers.Add("Prefer", "outlook.timezone=\"UTC\""), cancellationToken)
                .ConfigureAwait(false);
            return found is null ? null : ToCalendarEvent(found);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404 && MailboxUnreadableException.From(error) is null)
        {
            return null;
        }
        catch (ODataError error) when (MailboxUnreadableException.From(error) is { } unreadable)
        {
            throw unreadable;
        }
    }

    /// <summary>Any 410, whatever its body (it may not be Graph's JSON), or one of the codes Graph uses for a lost position.</summary>
    internal static bool IsSyncStateLost(ApiException error) =>
        error.ResponseStatusCode == 410
        || (error is ODataError odata && SyncStateLostCodes.Contains(odata.Error?.Code ?? string.Empty, StringComparer.OrdinalIgnoreCase));

    internal static CalendarEvent? ToCalendarEvent(Event graphEvent)
    {
        if (string.IsNullOrEmpty(graphEvent.Id))
        {
            return null;
        }

        if (graphEvent.AdditionalData?.ContainsKey("@removed") == true)
        {
            return CalendarEvent.Removed(graphEvent.Id);
        }

        return new CalendarEvent
        {
            Id = graphEvent.Id,
            ICalUId = graphEvent.ICalUId,
            SeriesMasterId = graphEvent.SeriesMasterId,
            ChangeKey = graphEvent.ChangeKey,
            Kind = graphEvent.Type switch
            {
                EventType.Occurrence => CalendarEventKind.Occurrence,
                EventType.Exception => CalendarEventKind.Exception,
                EventType.SeriesMaster => CalendarEventKind.SeriesMaster,
                _ => CalendarEventKind.SingleInstance,
            },
            IsCancelled = graphEvent.IsCancelled == true,
            IsAllDay = graphEvent.IsAllDay == true,
            IsOnline = graphEvent.IsOnlineMeeting == true,
            Start = GraphDateTime.ToUtc(graphEvent.Start?.DateTime, graphEvent.Start?.TimeZone),
            End = GraphDateTime.ToUtc(graphEvent.End?.DateTime, graphEvent.End?.TimeZone),
            OrganizerAddress = graphEvent.Organizer?.EmailAddress?.Address,
            Attendees = (graphEvent.Attendees ?? [])
                .Where(a => !string.IsNullOrWhiteSpace(a.EmailAddress?.Address))
                .Select(a => new CalendarAttendee(a.EmailAddress!.Address!, a.Type == AttendeeType.Resource, a.Status?.Response == ResponseType.Declined))
                .ToList(),
            OwnerDeclined = graphEvent.ResponseStatus?.Response == ResponseType.Declined,
        };
    }

    /// <summary>Times in UTC (parsed by us: the SDK leaves them as strings), and pages of a known size.</summary>
    private static void Prefer(RequestHeaders headers)
    {
        headers.Add("Prefer", "outlook.timezone=\"UTC\"");
        headers.Add("Prefer", $"odata.maxpagesize={PageSize}");
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
