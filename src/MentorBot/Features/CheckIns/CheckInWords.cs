namespace MentorBot.Features.CheckIns;

/// <summary>One way of putting a check-in answer into words, for the pair chat's line, the partner's card and alerts.</summary>
public static class CheckInWords
{
    /// <summary>"meetings working well; needs "more time on system design"; nothing to do differently".</summary>
    public static string Summary(CheckInAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return $"meetings {CheckInRatings.Text(answer.Structure)}; " +
            (answer.Need is null ? "nothing missing" : $"would like {Quoted(answer.Need)}") + "; " +
            (answer.Differently is null ? "nothing to do differently" : $"suggests {Quoted(answer.Differently)}");
    }

    private static string Quoted(CheckInRequest request) => request.Text is { } text ? $"\"{text}\"" : "something (no words given)";
}
