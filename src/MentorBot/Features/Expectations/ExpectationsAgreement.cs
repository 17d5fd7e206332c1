using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// One version of a pair's expectations agreement: both sides' answers as they were, the differences found, how the
/// pair settled them, and who confirmed. A revision makes a new version; earlier ones are kept as history.
/// </summary>
public sealed record ExpectationsAgreement
{
    public required string TenantId { get; init; }
    public required string ProgramId { get; init; }
    public required string PairId { get; init; }
    public required int Version { get; init; }
    public required string MentorName { get; init; }
    public required string MenteeName { get; init; }
    public required ExpectationsAnswers Mentor { get; init; }
    public required ExpectationsAnswers Mentee { get; init; }
    public IReadOnlyList<Misalignment> Differences { get; init; } = [];
    public IReadOnlyList<Settlement> Settlements { get; init; } = [];
    public IReadOnlyList<AgreementConfirmation> Confirmations { get; init; } = [];

    /// <summary>Who revised their answers to make this version; null for the first one.</summary>
    public PairRole? RevisedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Where this version's card was posted, so it can be updated in place.</summary>
    public IReadOnlyList<CardPost> Posts { get; init; } = [];

    public bool IsConfirmedBy(PairRole role) => Confirmations.Any(c => c.Role == role);

    public bool IsConfirmed => IsConfirmedBy(PairRole.Mentor) && IsConfirmedBy(PairRole.Mentee);

    public string NameOf(PairRole role) => role == PairRole.Mentor ? MentorName : MenteeName;

    /// <summary>True when this version was made from exactly these answers.</summary>
    public bool IsBasedOn(ExpectationsAnswers mentor, ExpectationsAnswers mentee) => Mentor.SameAnswersAs(mentor) && Mentee.SameAnswersAs(mentee);
}

/// <summary>A party's note on how a difference was settled, shown to both.</summary>
public sealed record Settlement(PairRole Role, string Note, DateTimeOffset At);

public sealed record AgreementConfirmation(PairRole Role, string PersonId, DateTimeOffset At);

/// <summary>A message that carries an agreement card: "chat" (the pair chat), "mentor" or "mentee".</summary>
public sealed record CardPost(string Where, string ServiceUrl, string ConversationId, string ActivityId);
