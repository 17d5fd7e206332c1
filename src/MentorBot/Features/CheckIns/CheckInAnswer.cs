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

    /// <summary>"Is there something you need from our meetings that we're not getting to?" Null: no.</summary>
    public CheckInRequest? Need { get; init; }

    /// <summary>"Is there something your partner could do differently that would be more helpful?" Null: no.</summary>
    public CheckInRequest? Differently { get; init; }

    /// <summary>What the person said about their own open requests from earlier check-ins.</summary>
    public IReadOnlyList<CheckInFollowUp> FollowUps { get; init; } = [];

    public string? Note { get; init; }

    /// <summary>Private: the partner sees only that it was answered; coordinators see everything.</summary>
    public bool KeepPrivate { get; init; }

    public bool WantsCoordinatorHelp { get; init; }

    public DateTimeOffset AnsweredAt { get; init; }

    public bool SaysNotWorking => Structure == CheckInRating.NotWorking;

    public bool SaysCouldBeBetter => Structure == CheckInRating.CouldBeBetter;

    /// <summary>The requests this answer makes, in the order of the questions.</summary>
    public IEnumerable<(RequestKind Kind, CheckInRequest Request)> Requests
    {
        get
        {
            if (Need is not null)
            {
                yield return (RequestKind.Need, Need);
            }

            if (Differently is not null)
            {
                yield return (RequestKind.Differently, Differently);
            }
        }
    }
}

/// <summary>A "Yes — what?" answer. Text is null only for answers migrated from the old three-step scale.</summary>
public sealed record CheckInRequest(string? Text);

public enum RequestKind
{
    /// <summary>Something the person needs from the meetings.</summary>
    Need,

    /// <summary>Something the partner could do differently.</summary>
    Differently,
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
