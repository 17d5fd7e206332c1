using MentorBot.Features.Meetings;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace MentorBot.Tests.Meetings;

/// <summary>What is taken from a Graph event (and what is not), without any I/O.</summary>
public sealed class CalendarEventMappingTests
{
    [Fact]
    public void An_event_keeps_times_people_and_kind_and_nothing_of_its_content()
    {
        var graphEvent = new Event
        {
            Id = "AAMk-1",
            ICalUId = "ical-1",
            Subject = "Salary negotiation",
            Type = EventType.Occurrence,
            IsOnlineMeeting = true,
            Start = new DateTimeTimeZone { DateTime = "2027-01-04T15:00:00.0000000", TimeZone = "UTC" },
            End = new DateTimeTimeZone { DateTime = "2027-01-04T15:30:00.0000000", TimeZone = "UTC" },
            Organizer = new Recipient { EmailAddress = new EmailAddress { Address = "mia@contoso.test" } },
            Attendees =
            [
                new Attendee { EmailAddress = new EmailAddress { Address = "max@contoso.test" }, Status = new ResponseStatus { Response = ResponseType.Declined } },
                new Attendee { EmailAddress = new EmailAddress { Address = "room@contoso.test" }, Type = AttendeeType.Resource },
                new Attendee { EmailAddress = new EmailAddress() },
            ],
        };

        var mapped = CalendarReader.ToCalendarEvent(graphEvent)!;

        Assert.Equal(CalendarEventKind.Occurrence, mapped.Kind);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 15, 30, 0, TimeSpan.Zero), mapped.End);
        Assert.True(mapped.IsOnline);
        Assert.Equal([new CalendarAttendee("max@contoso.test", false, true), new CalendarAttendee("room@contoso.test", true, false)], mapped.Attendees);
        Assert.DoesNotContain("Salary", mapped.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_event_keeps_only_its_id()
    {
        var removed = new Event { Id = "AAMk-2", AdditionalData = new Dictionary<string, object> { ["@removed"] = new { reason = "deleted" } } };

        Assert.Equal(CalendarEvent.Removed("AAMk-2"), CalendarReader.ToCalendarEvent(removed));
        Assert.Null(CalendarReader.ToCalendarEvent(new Event()));
    }

    [Theory]
    [InlineData(410, "anything", true)]
    [InlineData(400, "syncStateNotFound", true)]
    [InlineData(400, "ResyncRequired", true)]
    [InlineData(404, "ErrorItemNotFound", false)]
    [InlineData(429, "TooManyRequests", false)]
    public void An_expired_delta_position_is_recognised(int status, string code, bool expired)
    {
        var error = new ODataError { ResponseStatusCode = status, Error = new MainError { Code = code } };
        Assert.Equal(expired, CalendarReader.IsSyncStateLost(error));
    }
}
