using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Lifecycle;

/// <summary>For coordinators only, in the midpoint alert's thread: set up a conversation with the three of you, or no action needed.</summary>
public static class MidpointFacilitationCard
{
    public const string NoActionVerb = "lifecycle.midpoint.noaction";
    public const string ScheduleVerb = "lifecycle.midpoint.schedule";

    public static AdaptiveCard Create(Pair pair, string alertId)
    {
        var actions = new List<CardAction>();
        if (MeetingLink(pair) is { } link)
        {
            actions.Add(new OpenUrlAction("Set up a facilitated conversation", link));
        }

        actions.Add(new ExecuteAction("Create the meeting for us (tomorrow 10:00)", ScheduleVerb, new JsonObject { ["program"] = pair.ProgramId, ["pair"] = pair.PairId }));
        actions.Add(new ExecuteAction("No action needed", NoActionVerb, new JsonObject { ["program"] = pair.ProgramId, ["alert"] = alertId }));
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading("Midpoint: what next?"),
                new TextBlock($"{pair.Description}. The reflections above are private: neither party sees the other's. A facilitated conversation opens a Teams meeting with the three of you."),
            ],
            Actions = actions,
            FallbackText = "Midpoint: what next?",
        };
    }

    /// <summary>A Teams deep link that opens a new meeting with both parties (the coordinator who opens it is the organiser).</summary>
    public static Uri? MeetingLink(Pair pair)
    {
        if (string.IsNullOrEmpty(pair.Mentor.Upn) || string.IsNullOrEmpty(pair.Mentee.Upn))
        {
            return null;
        }

        var subject = Uri.EscapeDataString("Mentoring midpoint conversation");
        var attendees = Uri.EscapeDataString(pair.Mentor.Upn) + "," + Uri.EscapeDataString(pair.Mentee.Upn);
        return new Uri($"https://teams.microsoft.com/l/meeting/new?subject={subject}&attendees={attendees}");
    }

    /// <summary>A party's reflection as coordinators read it in the alert.</summary>
    public static string Describe(MidpointReflection? reflection, string name) => reflection is null
        ? $"{name} did not answer."
        : $"{name} ({reflection.Role}, {reflection.Rating}/5{(reflection.WantsFacilitation ? ", wants a facilitated conversation" : string.Empty)}): "
          + $"working: \"{reflection.Working}\"; not working: \"{reflection.NotWorking}\".";
}
