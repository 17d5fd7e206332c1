namespace MentorBot.Features.MentorCohorts;

/// <summary>
/// One party's baseline when their pair starts (1–5): sense of belonging and confidence in the pair's focus area,
/// compared in reports with the outcomes at closure. Private like outcomes: coordinators see it, the partner never.
/// </summary>
public sealed record BaselineAnswer
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public string? CohortId { get; init; }
    public required string PairId { get; init; }
    public required string PersonId { get; init; }
    public required string Role { get; init; }
    public int SenseOfBelonging { get; init; }
    public int FocusConfidence { get; init; }
    public DateTimeOffset AnsweredAt { get; init; }
}
