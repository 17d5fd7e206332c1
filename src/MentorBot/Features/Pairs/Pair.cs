namespace MentorBot.Features.Pairs;

/// <summary>A mentor and a mentee in a program, from registration to closure.</summary>
public sealed record Pair
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public required string PairId { get; init; }
    public string? CohortId { get; init; }
    public required Person Mentor { get; init; }
    public required Person Mentee { get; init; }
    public required DateOnly Start { get; init; }
    public required DateOnly PlannedEnd { get; init; }
    public string? Focus { get; init; }
    public PairStage Stage { get; init; } = PairStage.Created;
    public string? ClosedReason { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>A group chat with both of them and the bot, once they add the bot to one.</summary>
    public string? PairChatConversationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }

    public bool IsClosed => Stage == PairStage.Closed;

    public string Description => $"{Mentor.Name} (mentor) and {Mentee.Name} (mentee)";

    public PairRole? RoleOf(string personId) =>
        string.Equals(Mentor.Id, personId, StringComparison.OrdinalIgnoreCase) ? PairRole.Mentor
        : string.Equals(Mentee.Id, personId, StringComparison.OrdinalIgnoreCase) ? PairRole.Mentee
        : null;

    public Person Party(PairRole role) => role == PairRole.Mentor ? Mentor : Mentee;

    public Person PartnerOf(PairRole role) => role == PairRole.Mentor ? Mentee : Mentor;
}

/// <summary>Created → Expectations → Initial → Working → Transition → Closed (design.md, "The life of a pair").</summary>
public enum PairStage
{
    Created,
    Expectations,
    Initial,
    Working,
    Transition,
    Closed,
}

public enum PairRole
{
    Mentor,
    Mentee,
}
