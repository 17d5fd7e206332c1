using MentorBot.Features.CheckIns;
using MentorBot.Features.Closure;
using MentorBot.Features.Escalations;
using MentorBot.Features.Meetings;
using MentorBot.Features.MentorCohorts;
using MentorBot.Features.Pairs;
using MentorBot.Features.Rematch;

namespace MentorBot.Features.Reports;

/// <summary>Everything a program report is computed from, read once from storage by <see cref="ReportData"/>.</summary>
public sealed record ReportInputs
{
    public required DateTimeOffset Now { get; init; }
    public IReadOnlyList<Cohort> Cohorts { get; init; } = [];
    public IReadOnlyList<Pair> Pairs { get; init; } = [];

    /// <summary>Pairs whose expectations agreement both parties confirmed.</summary>
    public IReadOnlySet<string> ExpectationsConfirmed { get; init; } = new HashSet<string>();

    public IReadOnlyList<Meeting> Meetings { get; init; } = [];
    public IReadOnlyList<CheckInAnswer> CheckIns { get; init; } = [];
    public IReadOnlyList<EscalationAlert> Alerts { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];
    public IReadOnlyList<RematchRequest> Rematches { get; init; } = [];
    public IReadOnlyList<MidpointRating> MidpointRatings { get; init; } = [];
    public IReadOnlyList<AccountabilityAnswer> Accountability { get; init; } = [];

    /// <summary>Each party's answers when the pair started, the "before" of the outcomes.</summary>
    public IReadOnlyList<BaselineAnswer> Baselines { get; init; } = [];
}

/// <summary>One party's midpoint rating (1–5) of the relationship.</summary>
public sealed record MidpointRating(string PairId, string Role, int Rating);
