namespace MentorBot.Features.Escalations;

/// <summary>
/// A reason a pair needs a coordinator, posted as a card in the program's coordinators channel. One alert per
/// cause: its id is derived from the cause key, so the same event can never raise it twice.
/// </summary>
public sealed record EscalationAlert
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public required string AlertId { get; init; }
    public required string Cause { get; init; }
    public required string Reason { get; init; }
    public string? PairId { get; init; }
    public string? PairDescription { get; init; }

    /// <summary>What the pair said that coordinators may see (never private text of a party unless it is meant for coordinators).</summary>
    public string? Details { get; init; }

    public IReadOnlyList<AlertParty> Parties { get; init; } = [];
    public DateTimeOffset RaisedAt { get; init; }
    public AlertState State { get; init; } = AlertState.Open;
    public string? AcknowledgedBy { get; init; }
    public string? ResolvedBy { get; init; }
    public string? ResolutionNote { get; init; }

    /// <summary>Where the card was posted, so its state can be shown in place.</summary>
    public string? ServiceUrl { get; init; }
    public string? ConversationId { get; init; }
    public string? ActivityId { get; init; }
}

/// <summary>A person the coordinator may want to contact about the alert.</summary>
public sealed record AlertParty(string Role, string Name, string? Upn);

public enum AlertState
{
    Open,
    Acknowledged,
    Resolved,
}
