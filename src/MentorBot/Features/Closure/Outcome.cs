namespace MentorBot.Features.Closure;

/// <summary>
/// One party's end reflection and outcome ratings (1–5), for the pair's record and program learning. Private:
/// never shown to the partner; coordinators see it.
/// </summary>
public sealed record Outcome
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public required string PairId { get; init; }
    public string? CohortId { get; init; }
    public required string PersonId { get; init; }
    public required string Role { get; init; }
    public string? Gained { get; init; }
    public string? WouldDoDifferently { get; init; }
    public int CareerAdvancement { get; init; }
    public int SkillDevelopment { get; init; }
    public int Satisfaction { get; init; }
    public int SenseOfBelonging { get; init; }
    public DateTimeOffset AnsweredAt { get; init; }
}
