namespace MentorBot.Features.MentorCohorts;

/// <summary>The channel where a cohort's mentors meet as peers: monthly reminders and the anonymous digest go there.</summary>
public sealed record CohortChannel
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public required string CohortId { get; init; }
    public required string CohortName { get; init; }
    public required string ServiceUrl { get; init; }
    public required string ChannelId { get; init; }
    public string? RegisteredBy { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
}
