namespace MentorBot.Features.CheckIns;

/// <summary>"Last time you asked for … — did it happen?": one answer about one earlier request of the same person.</summary>
/// <param name="RequestMeetingKey">The meeting whose check-in made the request.</param>
public sealed record CheckInFollowUp(RequestKind Kind, string RequestMeetingKey, FollowUpOutcome Outcome);

public enum FollowUpOutcome
{
    Yes,
    Partly,
    No,
}

public static class FollowUpOutcomes
{
    public static bool TryParse(string? value, out FollowUpOutcome outcome)
    {
        outcome = FollowUpOutcome.Yes;
        switch (value)
        {
            case "yes":
                return true;
            case "partly":
                outcome = FollowUpOutcome.Partly;
                return true;
            case "no":
                outcome = FollowUpOutcome.No;
                return true;
            default:
                return false;
        }
    }
}
