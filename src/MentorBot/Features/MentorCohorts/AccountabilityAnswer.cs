namespace MentorBot.Features.MentorCohorts;

/// <summary>
/// A mentor's monthly accountability answer, including "What are you learning from your mentee?" (reverse
/// mentorship). Coordinators see it in the pair's record; the cohort digest and cohort-level reports show its text
/// only when <see cref="ShareAnonymously"/> is set, and never with a name.
/// </summary>
public sealed record AccountabilityAnswer
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public string? CohortId { get; init; }
    public required string PairId { get; init; }
    public required string MentorId { get; init; }

    /// <summary>The month asked about, "yyyy-MM"; one answer per mentor, pair and month.</summary>
    public required string Month { get; init; }

    /// <summary>How the relationship is going, 1 (badly) to 5 (very well).</summary>
    public int HowItIsGoing { get; init; }

    public string? Challenge { get; init; }
    public string? WhatWorked { get; init; }
    public string? LearningFromMentee { get; init; }
    public bool ShareAnonymously { get; init; }
    public DateTimeOffset AnsweredAt { get; init; }

    public bool ReportsLearning => !string.IsNullOrWhiteSpace(LearningFromMentee);
}
