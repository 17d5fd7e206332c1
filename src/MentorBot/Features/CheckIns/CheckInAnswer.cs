namespace MentorBot.Features.CheckIns;

/// <summary>One party's answer to the informal check-in after one meeting.</summary>
public sealed record CheckInAnswer
{
    public required string TenantId { get; init; }
    public required string PairId { get; init; }
    public required string MeetingKey { get; init; }
    public required string PersonId { get; init; }
    public required string Role { get; init; }

    /// <summary>"Is our meeting structure working for you?"</summary>
    public required CheckInRating Structure { get; init; }

    /// <summary>"Is there something you need from our meetings that we're not getting to?"</summary>
    public required CheckInRating Needs { get; init; }

    /// <summary>"Is there something I could do differently that would be more helpful?"</summary>
    public required CheckInRating Differently { get; init; }

    public string? Note { get; init; }

    /// <summary>Private: the partner sees only that it was answered; coordinators see everything.</summary>
    public bool KeepPrivate { get; init; }

    public bool WantsCoordinatorHelp { get; init; }

    public DateTimeOffset AnsweredAt { get; init; }

    public IEnumerable<CheckInRating> Ratings => [Structure, Needs, Differently];

    public bool SaysNotWorking => Ratings.Contains(CheckInRating.NotWorking);

    public bool SaysCouldBeBetter => Ratings.Contains(CheckInRating.CouldBeBetter);
}

public enum CheckInRating
{
    WorkingWell,
    CouldBeBetter,
    NotWorking,
}

public static class CheckInRatings
{
    public static string Text(CheckInRating rating) => rating switch
    {
        CheckInRating.WorkingWell => "working well",
        CheckInRating.CouldBeBetter => "could be better",
        _ => "not working",
    };

    public static bool TryParse(string? value, out CheckInRating rating)
    {
        rating = CheckInRating.WorkingWell;
        switch (value)
        {
            case "working":
                return true;
            case "better":
                rating = CheckInRating.CouldBeBetter;
                return true;
            case "not":
                rating = CheckInRating.NotWorking;
                return true;
            default:
                return false;
        }
    }
}
