namespace MentorBot.Features.Matching;

/// <summary>Someone in a proposal, by Entra object id and name.</summary>
public sealed record ProposedPerson(string Id, string Name);

/// <summary>
/// A proposed matching of a cohort's mentees to its mentors, kept until a coordinator confirms it. For each mentee:
/// the proposed mentor (index into <see cref="Mentors"/>, -1 for none), and each mentor's fit and reasons, or null
/// where the two must not be matched.
/// </summary>
public sealed record CohortProposal
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public required string ProposalId { get; init; }
    public required string CohortId { get; init; }
    public required string CohortName { get; init; }
    public required IReadOnlyList<ProposedPerson> Mentees { get; init; }
    public required IReadOnlyList<ProposedPerson> Mentors { get; init; }

    /// <summary>Each mentor's room when the proposal was made.</summary>
    public required IReadOnlyList<int> Room { get; init; }

    /// <summary>[mentee][mentor]: the fit, or null when excluded.</summary>
    public required IReadOnlyList<IReadOnlyList<ProposedFit?>> Fits { get; init; }

    public required IReadOnlyList<int> Proposed { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }

    public double TotalFit => Proposed.Select((mentor, mentee) => mentor < 0 ? 0 : Fits[mentee][mentor]?.Score ?? 0).Sum();

    public int MentorIndex(string? mentorId) => mentorId is null ? -1 : Mentors.ToList().FindIndex(m => string.Equals(m.Id, mentorId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A fit as stored with the proposal: the score and the plain-word explanation.</summary>
public sealed record ProposedFit(double Score, string Explanation);
