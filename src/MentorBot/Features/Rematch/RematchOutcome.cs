namespace MentorBot.Features.Rematch;

/// <summary>How a request ended, as the coordinators' thread shows it.</summary>
public enum RematchOutcome
{
    /// <summary>A coordinator kept the pair.</summary>
    Kept,

    /// <summary>A coordinator ended the pair for a rematch.</summary>
    Rematched,

    /// <summary>The partner's request about the same pair was decided: this one is settled with it.</summary>
    Settled,

    /// <summary>The requester took it back.</summary>
    Withdrawn,
}
