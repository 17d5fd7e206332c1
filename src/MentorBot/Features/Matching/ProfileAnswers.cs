namespace MentorBot.Features.Matching;

/// <summary>A person's answers to a cohort's profile questions: keys of the fixed lists only.</summary>
public sealed record ProfileAnswers(string PersonId, string CohortId)
{
    /// <summary>As a mentee: topics they want to develop.</summary>
    public IReadOnlyList<string> Wants { get; init; } = [];

    /// <summary>As a mentor: topics they can offer.</summary>
    public IReadOnlyList<string> Offers { get; init; } = [];

    public IReadOnlyList<string> Background { get; init; } = [];

    public DateTimeOffset AnsweredAt { get; init; }
}

/// <summary>A person's department, job title and office as the directory gave them, and when.</summary>
public sealed record WorkDetails(string PersonId, string? Department, string? JobTitle, string? OfficeLocation, DateTimeOffset ReadAt);
