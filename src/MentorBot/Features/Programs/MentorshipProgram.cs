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
}

/// <summary>Where a program's alerts go: a channel of a team where the bot is installed.</summary>
public sealed record CoordinatorsChannel(string ServiceUrl, string ChannelId, string? TeamId, string? Name);
