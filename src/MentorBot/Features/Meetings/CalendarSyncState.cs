namespace MentorBot.Features.Meetings;

/// <summary>
/// Where the scan of one mentor's calendar stands: the delta link to carry on from, the window it covers, the
/// pairs whose whole history that window has been read for, and who is scanning right now.
/// </summary>
internal sealed record CalendarSyncState
{
    /// <summary>"Not leased": the earliest time Table Storage can hold.</summary>
    public static readonly DateTimeOffset NoLease = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public required string TenantId { get; init; }
    public required string MentorId { get; init; }
    public string? DeltaLink { get; init; }
    public ScanWindow? Window { get; init; }
    public IReadOnlyList<string> CoveredPairs { get; init; } = [];
    public DateTimeOffset? LastScanAt { get; init; }
    public DateTimeOffset? LastFullSyncAt { get; init; }
    public DateTimeOffset LeaseUntil { get; init; } = NoLease;
    public string? LeaseOwner { get; init; }

    /// <summary>Set while Graph cannot read the mailbox at all; cleared by the next scan that reads it.</summary>
    public MailboxProblem? Unreadable { get; init; }

    /// <summary>When the unreadable mailbox was last tried.</summary>
    public DateTimeOffset? UnreadableCheckedAt { get; init; }
}
