namespace MentorBot.Features.Pairs;

/// <summary>A group of pairs that start together, with the program features later compared in reports.</summary>
public sealed record Cohort
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public required string CohortId { get; init; }
    public required string Name { get; init; }
    public DateOnly? Start { get; init; }
    public DateOnly? PlannedEnd { get; init; }
    public MentorTraining Training { get; init; } = MentorTraining.BriefOrientation;

    /// <summary>How mentors and mentees were matched (free text, e.g. "skills and goals; mentee choice").</summary>
    public string? MatchingCriteria { get; init; }

    public bool ExplicitGoalsRequired { get; init; }
}

public enum MentorTraining
{
    BriefOrientation,
    Substantive,
}
