namespace MentorBot.Features.Lifecycle;

/// <summary>
/// One asking of "end or continue?" for a pair. Answers are private: the partner never learns who answered what;
/// only coordinators see both, and only when the answers differ.
/// </summary>
public sealed record EndOrContinueRound
{
    public required int Number { get; init; }
    public required string Why { get; init; }
    public DateTimeOffset AskedAt { get; init; }
    public string? Mentor { get; init; }
    public string? Mentee { get; init; }
    public string? Outcome { get; init; }

    public bool IsOpen => Outcome is null;

    public EndOrContinueRound With(string role, string answer) => role == "mentor" ? this with { Mentor = answer } : this with { Mentee = answer };

    public string? AnswerOf(string role) => role == "mentor" ? Mentor : Mentee;
}

public static class EndOrContinueAnswers
{
    public const string Continue = "continue";
    public const string Conclude = "conclude";
    public const string NotSure = "not-sure";

    public static string Text(string? answer) => answer switch
    {
        Continue => "continue",
        Conclude => "conclude",
        NotSure => "not sure",
        _ => "no answer yet",
    };
}
