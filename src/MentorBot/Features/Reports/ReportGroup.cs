using MentorBot.Features.CheckIns;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Reports;

/// <summary>What a group of pairs is: one cohort, one value of a program feature, or the whole program.</summary>
public enum GroupKind
{
    Program,
    Cohort,
    Training,
    ExplicitGoals,
    MatchingCriteria,
}

/// <summary>A mean of 1–5 answers with how many answers it is over; hidden when too few people answered.</summary>
public sealed record Mean(double? Value, int Count)
{
    public bool Shown => Value is not null;
}

/// <summary>
/// The aggregates of one group of pairs. A suppressed group carries only its name and kind: none of its numbers are
/// computed into the record, so nothing can leak through a renderer or the CSV.
/// </summary>
public sealed record ReportGroup
{
    public required GroupKind Kind { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public bool Suppressed { get; init; }

    public int People { get; init; }
    public int Pairs { get; init; }
    public IReadOnlyDictionary<PairStage, int> ByStage { get; init; } = new Dictionary<PairStage, int>();
    public IReadOnlyDictionary<string, int> ClosedByReason { get; init; } = new Dictionary<string, int>();
    public int ExpectationsCompleted { get; init; }
    public int MeetingsHeld { get; init; }
    public double PairMonths { get; init; }
    public double? MeetingsPerPairPerMonth { get; init; }

    /// <summary>Check-in answers to "Is our meeting structure working for you?" per rating.</summary>
    public IReadOnlyDictionary<CheckInRating, int> StructureRatings { get; init; } = new Dictionary<CheckInRating, int>();

    /// <summary>Check-in answers saying "Yes — …" per request question ("needs", "differently"); the rest said "No".</summary>
    public IReadOnlyDictionary<string, int> CheckInRequests { get; init; } = new Dictionary<string, int>();

    public int CheckInAnswers { get; init; }
    public IReadOnlyDictionary<string, int> EscalationsByCause { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> RematchByCategory { get; init; } = new Dictionary<string, int>();
    public Mean Midpoint { get; init; } = new(null, 0);

    /// <summary>Outcome means at closure by measure (<see cref="ProgramReport.OutcomeMeasures"/>).</summary>
    public IReadOnlyDictionary<string, Mean> Outcomes { get; init; } = new Dictionary<string, Mean>();

    /// <summary>At the pair's start: sense of belonging (compare with the outcome of the same name) and confidence in the focus area.</summary>
    public Mean BaselineBelonging { get; init; } = new(null, 0);

    public Mean BaselineConfidence { get; init; } = new(null, 0);

    public int Mentors { get; init; }
    public int MentorsReportingLearning { get; init; }

    /// <summary>What mentors are learning from mentees, only from authors who opted in to share, without names.</summary>
    public IReadOnlyList<string> SharedLearning { get; init; } = [];

    public int EndedEarly => ClosedByReason.Where(r => r.Key != "completed").Sum(r => r.Value);
}
