namespace MentorBot.Features.Meetings;

/// <summary>The tables of meeting discovery (to be listed in <c>TableNames.All</c> so they exist at start-up).</summary>
public static class MeetingTables
{
    /// <summary>The meetings found for each pair (partition: tenant and pair).</summary>
    public const string Meetings = "Meetings";

    /// <summary>Where each scanned calendar was left: the delta link, its window and the scan lease (partition: tenant).</summary>
    public const string CalendarSync = "CalendarSync";
}
