using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;

namespace MentorBot.Tests.Meetings;

public sealed class PairMeetingRulesTests
{
    private static readonly DateTimeOffset Monday = new(2027, 1, 4, 15, 0, 0, TimeSpan.Zero);
    private static readonly Person Mia = new("mia-id", "Mia Mentor", "mia@contoso.test", "mia@contoso.test");
    private static readonly Person Max = new("max-id", "Max Mentee", "max@contoso.test", "max.m@contoso.onmicrosoft.test")
    {
        Addresses = ["max@contoso.test", "max.sales@contoso.test"],
    };

    private static readonly Person Nia = new("nia-id", "Nia Newcomer", "nia@contoso.test", "nia@contoso.test");
    private static readonly Pair WithMax = PairOf(Max, "pair-max");
    private static readonly Pair WithNia = PairOf(Nia, "pair-nia");

    private static Pair PairOf(Person mentee, string id) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = id,
        Mentor = Mia,
        Mentee = mentee,
        Start = new DateOnly(2027, 1, 1),
        PlannedEnd = new DateOnly(2027, 7, 1),
        Stage = PairStage.Working,
    };

    private static CalendarEvent Event(string organizer, params string[] attendees) => new()
    {
        Id = "e1",
        Start = Monday,
        End = Monday.AddMinutes(30),
        OrganizerAddress = organizer,
        Attendees = attendees.Select(a => new CalendarAttendee(a)).ToList(),
    };

    [Theory]
    [InlineData("mia@contoso.test", "max@contoso.test")]
    [InlineData("mia@contoso.test", "MAX@Contoso.Test")]
    [InlineData("mia@contoso.test", " max.sales@contoso.test ")]
    [InlineData("mia@contoso.test", "max.m@contoso.onmicrosoft.test")]
    [InlineData("mia@contoso.test", "smtp:max.sales@contoso.test")]
    [InlineData("max.sales@contoso.test", "mia@contoso.test")]
    public void The_mentee_is_found_as_organizer_or_attendee_by_any_of_their_addresses(string organizer, string attendee)
    {
        Assert.Equal([WithMax], PairMeetingRules.PairsMeetingIn(Event(organizer, attendee), [WithMax, WithNia]));
    }

    [Fact]
    public void A_meeting_of_the_mentor_alone_or_with_someone_else_is_no_pair_meeting()
    {
        Assert.Empty(PairMeetingRules.PairsMeetingIn(Event("mia@contoso.test"), [WithMax]));
        Assert.Empty(PairMeetingRules.PairsMeetingIn(Event("mia@contoso.test", "maxine@contoso.test", "max@fabrikam.test"), [WithMax]));
    }

    [Fact]
    public void A_meeting_with_two_mentees_of_the_mentor_is_a_meeting_of_both_pairs()
    {
        Assert.Equal([WithMax, WithNia], PairMeetingRules.PairsMeetingIn(Event("mia@contoso.test", "max@contoso.test", "nia@contoso.test"), [WithMax, WithNia]));
    }

    [Fact]
    public void Cancelled_removed_all_day_series_master_and_declined_events_are_not_meetings()
    {
        var meeting = Event("mia@contoso.test", "max@contoso.test");
        Assert.True(PairMeetingRules.IsMeeting(meeting));
        Assert.False(PairMeetingRules.IsMeeting(meeting with { IsCancelled = true }));
        Assert.False(PairMeetingRules.IsMeeting(CalendarEvent.Removed("e1")));
        Assert.False(PairMeetingRules.IsMeeting(meeting with { IsAllDay = true }));
        Assert.False(PairMeetingRules.IsMeeting(meeting with { Kind = CalendarEventKind.SeriesMaster }));
        Assert.False(PairMeetingRules.IsMeeting(meeting with { OwnerDeclined = true }));
        Assert.False(PairMeetingRules.IsMeeting(meeting with { Start = null }));
        Assert.True(PairMeetingRules.IsMeeting(meeting with { Kind = CalendarEventKind.Occurrence }));
        Assert.True(PairMeetingRules.IsMeeting(meeting with { Kind = CalendarEventKind.Exception }));
    }

    [Fact]
    public void A_mentee_who_declined_is_not_in_the_meeting()
    {
        var declined = Event("mia@contoso.test") with { Attendees = [new CalendarAttendee("max@contoso.test", Declined: true)] };
        Assert.Empty(PairMeetingRules.PairsMeetingIn(declined, [WithMax]));
    }

    [Fact]
    public void A_team_meeting_both_attend_is_not_their_mentoring_session_but_rooms_do_not_count_as_people()
    {
        var small = Event("mia@contoso.test", "max@contoso.test", "a@contoso.test", "b@contoso.test", "c@contoso.test");
        Assert.Equal(PairMeetingRules.MaxPeople, 5);
        Assert.Single(PairMeetingRules.PairsMeetingIn(small, [WithMax]));
        Assert.Empty(PairMeetingRules.PairsMeetingIn(small with { Attendees = [.. small.Attendees, new CalendarAttendee("d@contoso.test")] }, [WithMax]));
        Assert.Single(PairMeetingRules.PairsMeetingIn(small with { Attendees = [.. small.Attendees, new CalendarAttendee("room@contoso.test", IsResource: true)] }, [WithMax]));
    }

    [Fact]
    public void Meetings_before_the_pair_started_or_of_a_closed_pair_do_not_count()
    {
        var meeting = Event("mia@contoso.test", "max@contoso.test");
        Assert.Empty(PairMeetingRules.PairsMeetingIn(meeting with { Start = new DateTimeOffset(2026, 12, 30, 9, 0, 0, TimeSpan.Zero) }, [WithMax]));
        Assert.Single(PairMeetingRules.PairsMeetingIn(meeting with { Start = new DateTimeOffset(2026, 12, 31, 22, 0, 0, TimeSpan.Zero) }, [WithMax]));
        Assert.Empty(PairMeetingRules.PairsMeetingIn(meeting, [WithMax with { Stage = PairStage.Closed }]));
    }

    [Fact]
    public void An_attendee_named_by_a_legacy_Exchange_X500_address_is_matched_through_proxyAddresses()
    {
        const string legacy = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=4f1e2b-max";
        var max = Max with { Addresses = [.. Max.Addresses, legacy] };

        Assert.True(PairMeetingRules.Includes(Event(Mia.Mail!, legacy.ToUpperInvariant()), max));
        Assert.True(PairMeetingRules.Includes(Event(Mia.Mail!, "X500:" + legacy), max));
        Assert.False(PairMeetingRules.Includes(Event(Mia.Mail!, legacy.Replace("-max", "-nia", StringComparison.Ordinal)), max));
    }
}
