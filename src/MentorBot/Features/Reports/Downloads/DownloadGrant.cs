namespace MentorBot.Features.Reports.Downloads;

/// <summary>
/// A file a coordinator asked for, held server-side for a short time and given only to that coordinator once they
/// have signed in (the link alone is not enough).
/// </summary>
public sealed record DownloadGrant
{
    public required string TenantId { get; init; }

    /// <summary>The Entra object id (oid) of the coordinator the link was issued to.</summary>
    public required string OwnerId { get; init; }

    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required string Content { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}
