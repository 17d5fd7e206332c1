namespace MentorBot.Features.Closure;

/// <summary>How a pairing ended. Ending early is a success when the pair got what it needed, never a failure.</summary>
public enum ClosureReason
{
    Completed,
    ConcludedEarly,
    Rematched,
    Withdrawn,
}

public static class ClosureReasons
{
    public static string Key(ClosureReason reason) => reason switch
    {
        ClosureReason.Completed => "completed",
        ClosureReason.ConcludedEarly => "concluded-early",
        ClosureReason.Rematched => "rematched",
        _ => "withdrawn",
    };
}
