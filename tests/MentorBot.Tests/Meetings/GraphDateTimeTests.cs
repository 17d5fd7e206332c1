using MentorBot.Features.Meetings;

namespace MentorBot.Tests.Meetings;

public sealed class GraphDateTimeTests
{
    [Theory]
    [InlineData("2027-01-04T15:00:00.0000000", "UTC", "2027-01-04T15:00:00Z")]
    [InlineData("2027-01-04T15:00:00", "UTC", "2027-01-04T15:00:00Z")]
    [InlineData("2027-01-04T15:00:00.5", "Etc/UTC", "2027-01-04T15:00:00.5Z")]
    [InlineData("2027-01-04T15:00:00.0000000", null, "2027-01-04T15:00:00Z")]
    [InlineData("2027-01-04T15:00:00Z", "Pacific Standard Time", "2027-01-04T15:00:00Z")]
    [InlineData("2027-01-04T15:00:00+02:00", null, "2027-01-04T13:00:00Z")]
    public void Utc_times_are_read_as_utc_whatever_the_spelling(string dateTime, string? zone, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), GraphDateTime.ToUtc(dateTime, zone));
    }

    [Theory]
    [InlineData("2027-01-04T09:00:00.0000000", "Pacific Standard Time", "2027-01-04T17:00:00Z")]
    [InlineData("2027-07-05T09:00:00.0000000", "America/Los_Angeles", "2027-07-05T16:00:00Z")]
    [InlineData("2027-07-05T09:00:00.0000000", "W. Europe Standard Time", "2027-07-05T07:00:00Z")]
    public void A_time_in_a_named_zone_is_converted_to_utc_with_that_zones_rules_on_that_day(string dateTime, string zone, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), GraphDateTime.ToUtc(dateTime, zone));
    }

    [Theory]
    [InlineData(null, "UTC")]
    [InlineData("", "UTC")]
    [InlineData("next Tuesday", "UTC")]
    [InlineData("2027-01-04T15:00:00", "Atlantis/Lost City")]
    public void An_unreadable_time_or_zone_gives_no_time(string? dateTime, string zone)
    {
        Assert.Null(GraphDateTime.ToUtc(dateTime, zone));
    }

    [Fact]
    public void The_result_is_always_in_utc()
    {
        Assert.Equal(TimeSpan.Zero, GraphDateTime.ToUtc("2027-07-05T09:00:00", "W. Europe Standard Time")!.Value.Offset);
    }
}
