using System.Security.Cryptography;
using System.Text;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// A party's private request for a different match. Coordinators see all of it; the partner never learns it
/// exists until a coordinator ends the pair, and then only through the neutral closure message.
/// </summary>
public sealed record RematchRequest
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public required string PairId { get; init; }
    public required string RequestId { get; init; }
    public required string RequesterId { get; init; }
    public required string RequesterName { get; init; }
    public string? RequesterUpn { get; init; }
    public required PairRole Role { get; init; }

    /// <summary>"Mia Mentor (mentor) and Max Mentee (mentee)", for the coordinators' card.</summary>
    public required string PairDescription { get; init; }

    public required string Category { get; init; }
    public string? Details { get; init; }
    public required string Urgency { get; init; }
    public RematchState State { get; init; } = RematchState.Open;
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }

    /// <summary>The dialog run that created it, so a retried turn finishes its own request instead of refusing it.</summary>
    public string? DialogInstance { get; init; }

    /// <summary>Where the coordinators' action card was posted, so its state can be shown in place.</summary>
    public string? CardServiceUrl { get; init; }
    public string? CardConversationId { get; init; }
    public string? CardActivityId { get; init; }

    public string RoleName => Role == PairRole.Mentor ? "mentor" : "mentee";

    public bool IsOpen => State == RematchState.Open;

    /// <summary>The cause key of the request's alert: one alert per request.</summary>
    public string AlertCauseKey => $"rematch/{RequestId}";

    /// <summary>
    /// The n-th request of a person about a pair always gets the same id, so two confirmations racing each other
    /// collide on the same row instead of raising two alerts.
    /// </summary>
    public static string IdFor(string pairId, string personId, int sequence)
    {
        var text = $"{pairId}|{personId.ToLowerInvariant()}|{sequence}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20].ToLowerInvariant();
    }
}

public enum RematchState
{
    Open,
    Withdrawn,
    Kept,
    Rematched,
}
