namespace MentorBot.Features.Programs;

/// <summary>A mentorship program in a tenant, with the channel where its coordinators receive alerts.</summary>
public sealed record MentorshipProgram
{
    public required string TenantId { get; init; }

    /// <summary>A short stable id derived from the name when the program was set up.</summary>
    public required string ProgramId { get; init; }

    public required string Name { get; init; }

    public required CoordinatorsChannel Channel { get; init; }

    public ProgramSettings Settings { get; init; } = new();

    public string? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The people who coordinate this program: whoever set it up, and those coordinators add. Only they see and act on
    /// its alerts, pairs, reports, registration and erasure.
    /// </summary>
    public IReadOnlyList<ProgramCoordinator> Coordinators { get; init; } = [];

    public bool IsCoordinator(string? userId) =>
        userId is not null && Coordinators.Any(c => string.Equals(c.UserId, userId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A coordinator of one program: Entra object id, and the Teams id (29:…) user-specific card views need.</summary>
public sealed record ProgramCoordinator(string UserId, string? TeamsId, string? Name);

/// <summary>Where a program's alerts go: a channel of a team where the bot is installed.</summary>
public sealed record CoordinatorsChannel(string ServiceUrl, string ChannelId, string? TeamId, string? Name);
