using MentorBot.Features.CheckIns;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Reports;

/// <summary>
/// A program's report: the whole program, each cohort side by side, and the cohorts grouped by program feature
/// (mentor training, explicit goals, matching criteria). Pure: computed from <see cref="ReportInputs"/> only.
/// Privacy: a group with fewer than <see cref="MinimumPeople"/> distinct people (mentors and mentees) is suppressed,
/// and a mean over fewer than <see cref="MinimumAnswers"/> answers is not shown, so no one is identifiable.
/// A suppressed cohort (or the pairs without a cohort, when they are that few) is not in any program-feature group,
/// and counts in the whole-program totals only pooled with the other small ones, when together they are at least
/// <see cref="MinimumPeople"/> people; otherwise a total minus the shown cohorts would give it away. Every group shown
/// is then a union of such pieces of at least five people each, and no sum or difference of shown numbers isolates
/// fewer. Likewise a piece's answers too few for a mean of their own do not count in any combined mean.
/// </summary>
/// <param name="TooSmall">
/// Names of the cohorts too small to show (and <see cref="WithoutCohort"/> for the pairs without a cohort when they
/// are too few); coordinators are told, so the totals are not misread.
/// </param>
/// <param name="TooSmallInTotals">Whether those count, pooled, in the whole-program totals.</param>
public sealed record ProgramReport(
    DateTimeOffset At, string? CohortFilter, IReadOnlyList<ReportGroup> Groups, IReadOnlyList<string> TooSmall, bool TooSmallInTotals)
{
    public const string WithoutCohort = "pairs without a cohort";

    public const int MinimumPeople = 5;
    public const int MinimumAnswers = 5;
    public const int MaxSharedLearning = 5;

    public static IReadOnlyList<string> OutcomeMeasures { get; } = ["career-advancement", "skill-development", "satisfaction", "sense-of-belonging"];

    /// <summary>The check-in's "No / Yes — what?" questions, as the report names them.</summary>
    public static IReadOnlyList<string> CheckInRequestQuestions { get; } = ["needs", "differently"];

    private const double DaysPerMonth = 365.25 / 12;

    public IEnumerable<ReportGroup> OfKind(GroupKind kind) => Groups.Where(g => g.Kind == kind);

    public static ProgramReport Compute(ReportInputs inputs, string? cohortId = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var cohorts = inputs.Cohorts.Where(c => cohortId is null || c.CohortId == cohortId)
            .OrderBy(c => c.Start ?? DateOnly.MaxValue).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        var pairs = inputs.Pairs.Where(p => cohortId is null || p.CohortId == cohortId).ToList();
        var cohortOf = inputs.Cohorts.ToDictionary(c => c.CohortId);
        Cohort? CohortOf(Pair p) => p.CohortId is { } id && cohortOf.TryGetValue(id, out var c) ? c : null;

        // The pieces every group is made of: one per cohort, one for the pairs without a cohort.
        var pieces = pairs.GroupBy(p => CohortOf(p)?.CohortId ?? string.Empty, StringComparer.Ordinal).ToList();
        var tooSmall = pieces.Where(g => PeopleIn(g) < MinimumPeople).ToList();
        var tooSmallPairs = tooSmall.SelectMany(g => g).Select(p => p.PairId).ToHashSet(StringComparer.Ordinal);
        var pooled = tooSmall.Count > 0 && PeopleIn(tooSmall.SelectMany(g => g)) >= MinimumPeople;
        var shownPieces = pairs.Where(p => !tooSmallPairs.Contains(p.PairId)).ToList();
        var tooSmallNames = tooSmall.Select(g => g.Key.Length == 0 ? WithoutCohort : cohortOf[g.Key].Name).Order(StringComparer.Ordinal).ToList();

        // For combined means the small pieces are one piece: they only ever count together.
        const string PooledPiece = "\u0001small";
        var pieceOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var piece in pieces)
        {
            var key = tooSmall.Contains(piece) ? PooledPiece : piece.Key;
            foreach (var pair in piece)
            {
                pieceOf.TryAdd(pair.PairId, key);
            }
        }

        string PieceOf(string pairId) => pieceOf.TryGetValue(pairId, out var piece) ? piece : string.Empty;

        var groups = new List<ReportGroup> { Group(inputs, GroupKind.Program, "all", "Whole program", pooled ? pairs : shownPieces, PieceOf) };
        groups.AddRange(cohorts.Select(c => Group(inputs, GroupKind.Cohort, c.CohortId, c.Name, pairs.Where(p => p.CohortId == c.CohortId).ToList(), pieceOf: null)));
        var withCohort = shownPieces.Where(p => CohortOf(p) is not null).ToList();
        foreach (var training in new[] { MentorTraining.Substantive, MentorTraining.BriefOrientation })
        {
            groups.Add(Group(inputs, GroupKind.Training, training.ToString(), TrainingText(training), withCohort.Where(p => CohortOf(p)!.Training == training).ToList(), PieceOf));
        }

        foreach (var goals in new[] { true, false })
        {
            groups.Add(Group(inputs, GroupKind.ExplicitGoals, goals ? "yes" : "no", goals ? "Explicit goals required" : "Explicit goals not required",
                withCohort.Where(p => CohortOf(p)!.ExplicitGoalsRequired == goals).ToList(), PieceOf));
        }

        foreach (var criteria in withCohort.GroupBy(p => CriteriaKey(CohortOf(p)!.MatchingCriteria)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = CohortOf(criteria.First())!.MatchingCriteria?.Trim() is { Length: > 0 } text ? $"Matched by: {text}" : "Matching criteria not recorded";
            groups.Add(Group(inputs, GroupKind.MatchingCriteria, criteria.Key, name, criteria.ToList(), PieceOf));
        }

        return new ProgramReport(inputs.Now, cohortId, groups, tooSmallNames, pooled);
    }

    public static string TrainingText(MentorTraining training) =>
        training == MentorTraining.Substantive ? "Substantive mentor training" : "Brief orientation";

    private static string CriteriaKey(string? criteria) => criteria?.Trim().ToLowerInvariant() is { Length: > 0 } key ? key : "-";

    private static int PeopleIn(IEnumerable<Pair> pairs) =>
        pairs.SelectMany(p => new[] { p.Mentor.Id, p.Mentee.Id }).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    /// <param name="pieceOf">
    /// For a group combining cohorts: the piece a pair belongs to (its cohort, "" for none, or the pooled small ones),
    /// so each piece's answers join a combined mean only when they are enough to be shown on their own. Null for a
    /// cohort's own group, which also carries the free text its mentors chose to share.
    /// </param>
    private static ReportGroup Group(ReportInputs inputs, GroupKind kind, string key, string name, List<Pair> pairs, Func<string, string>? pieceOf)
    {
        var people = PeopleIn(pairs);
        if (people < MinimumPeople)
        {
            return new ReportGroup { Kind = kind, Key = key, Name = name, Suppressed = true };
        }

        var ids = pairs.Select(p => p.PairId).ToHashSet(StringComparer.Ordinal);
        var checkIns = inputs.CheckIns.Where(a => ids.Contains(a.PairId)).ToList();
        var meetings = inputs.Meetings.Count(m => ids.Contains(m.PairId) && m.Counts && m.Start <= inputs.Now);
        var pairMonths = pairs.Sum(p => ActiveDays(p, inputs.Now)) / DaysPerMonth;
        var outcomes = inputs.Outcomes.Where(o => ids.Contains(o.PairId)).ToList();
        var mentors = pairs.Select(p => p.Mentor.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var learning = inputs.Accountability.Where(a => ids.Contains(a.PairId) && a.ReportsLearning).ToList();

        return new ReportGroup
        {
            Kind = kind,
            Key = key,
            Name = name,
            People = people,
            Pairs = pairs.Count,
            ByStage = pairs.GroupBy(p => p.Stage).ToDictionary(g => g.Key, g => g.Count()),
            ClosedByReason = pairs.Where(p => p.IsClosed).GroupBy(p => p.ClosedReason ?? "unknown").ToDictionary(g => g.Key, g => g.Count()),
            ExpectationsCompleted = pairs.Count(p => inputs.ExpectationsConfirmed.Contains(p.PairId)),
            MeetingsHeld = meetings,
            PairMonths = pairMonths,
            MeetingsPerPairPerMonth = pairMonths > 0 ? meetings / pairMonths : null,
            CheckInAnswers = checkIns.Count,
            StructureRatings = Distribution(checkIns.Select(a => a.Structure)),
            CheckInRequests = new Dictionary<string, int>
            {
                ["needs"] = checkIns.Count(a => a.Need is not null),
                ["differently"] = checkIns.Count(a => a.Differently is not null),
            },
            EscalationsByCause = inputs.Alerts.Where(a => a.PairId is not null && ids.Contains(a.PairId))
                .GroupBy(a => a.Cause).ToDictionary(g => g.Key, g => g.Count()),
            RematchByCategory = inputs.Rematches.Where(r => ids.Contains(r.PairId) && r.State != Rematch.RematchState.Withdrawn)
                .GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Count()),
            Midpoint = MeanOf(inputs.MidpointRatings.Where(m => ids.Contains(m.PairId)).Select(m => (m.PairId, m.Rating)), pieceOf),
            Outcomes = new Dictionary<string, Mean>
            {
                ["career-advancement"] = MeanOf(outcomes.Select(o => (o.PairId, o.CareerAdvancement)), pieceOf),
                ["skill-development"] = MeanOf(outcomes.Select(o => (o.PairId, o.SkillDevelopment)), pieceOf),
                ["satisfaction"] = MeanOf(outcomes.Select(o => (o.PairId, o.Satisfaction)), pieceOf),
                ["sense-of-belonging"] = MeanOf(outcomes.Select(o => (o.PairId, o.SenseOfBelonging)), pieceOf),
            },
            BaselineBelonging = MeanOf(inputs.Baselines.Where(b => ids.Contains(b.PairId)).Select(b => (b.PairId, b.SenseOfBelonging)), pieceOf),
            BaselineConfidence = MeanOf(inputs.Baselines.Where(b => ids.Contains(b.PairId)).Select(b => (b.PairId, b.FocusConfidence)), pieceOf),
            Mentors = mentors.Count,
            MentorsReportingLearning = learning.Select(a => a.MentorId).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            SharedLearning = pieceOf is null
                ? learning.Where(a => a.ShareAnonymously).OrderByDescending(a => a.AnsweredAt).Select(a => a.LearningFromMentee!.Trim())
                    .Distinct(StringComparer.Ordinal).Take(MaxSharedLearning).ToList()
                : [],
        };
    }

    /// <summary>Days from the pair's start to its closure (or now), never negative: the denominator of meetings per month.</summary>
    private static double ActiveDays(Pair pair, DateTimeOffset now)
    {
        var start = new DateTimeOffset(pair.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = pair.ClosedAt is { } closed && closed < now ? closed : now;
        return Math.Max(0, (end - start).TotalDays);
    }

    private static Dictionary<CheckInRating, int> Distribution(IEnumerable<CheckInRating> ratings)
    {
        var counts = Enum.GetValues<CheckInRating>().ToDictionary(r => r, _ => 0);
        foreach (var rating in ratings)
        {
            counts[rating]++;
        }

        return counts;
    }

    private static Mean MeanOf(IEnumerable<(string PairId, int Value)> answers, Func<string, string>? pieceOf)
    {
        var answered = answers.Where(a => a.Value is >= 1 and <= 5).ToList();
        if (pieceOf is not null)
        {
            answered = answered.GroupBy(a => pieceOf(a.PairId), StringComparer.Ordinal).Where(g => g.Count() >= MinimumAnswers).SelectMany(g => g).ToList();
        }

        return new Mean(answered.Count >= MinimumAnswers ? answered.Average(a => a.Value) : null, answered.Count);
    }
}
