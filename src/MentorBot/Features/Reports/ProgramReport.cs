using MentorBot.Features.CheckIns;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Reports;

/// <summary>
/// A program's report: the whole program, each cohort side by side, and the cohorts grouped by program feature
/// (mentor training, explicit goals, matching criteria). Pure: computed from <see cref="ReportInputs"/> only.
/// Privacy: a group with fewer than <see cref="MinimumPeople"/> distinct people (mentors and mentees) is suppressed,
/// and a mean over fewer than <see cref="MinimumAnswers"/> answers is not shown, so no one is identifiable.
/// A suppressed cohort (or the pairs without a cohort, when they are that few) is also left out of the whole-program
/// and feature groups: otherwise its numbers would be the program's minus the other cohorts'. Every group shown is
/// then a union of cohorts of at least five people, and no sum or difference of shown numbers isolates fewer.
/// Likewise a cohort's answers too few for its own mean to be shown do not count in any combined mean.
/// </summary>
/// <param name="LeftOut">
/// Names of the cohorts left out of every figure for being too small, and <see cref="WithoutCohort"/> for the pairs
/// without a cohort when they are too few; coordinators are told, so the totals are not misread.
/// </param>
public sealed record ProgramReport(DateTimeOffset At, string? CohortFilter, IReadOnlyList<ReportGroup> Groups, IReadOnlyList<string> LeftOut)
{
    public const string WithoutCohort = "pairs without a cohort";

    public const int MinimumPeople = 5;
    public const int MinimumAnswers = 5;
    public const int MaxSharedLearning = 5;

    public static IReadOnlyList<string> OutcomeMeasures { get; } = ["career-advancement", "skill-development", "satisfaction", "sense-of-belonging"];

    public static IReadOnlyList<string> CheckInQuestions { get; } = ["structure", "needs", "differently"];

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

        var tooSmall = pairs.GroupBy(p => CohortOf(p)?.CohortId ?? string.Empty, StringComparer.Ordinal)
            .Where(g => PeopleIn(g) < MinimumPeople).ToList();
        var leftOutPairs = tooSmall.SelectMany(g => g).Select(p => p.PairId).ToHashSet(StringComparer.Ordinal);
        var reportable = pairs.Where(p => !leftOutPairs.Contains(p.PairId)).ToList();
        var leftOut = tooSmall.Select(g => g.Key.Length == 0 ? WithoutCohort : cohortOf[g.Key].Name).Order(StringComparer.Ordinal).ToList();

        var atoms = pairs.GroupBy(p => p.PairId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => CohortOf(g.First())?.CohortId ?? string.Empty, StringComparer.Ordinal);
        string AtomOf(string pairId) => atoms.TryGetValue(pairId, out var atom) ? atom : string.Empty;

        var groups = new List<ReportGroup> { Group(inputs, GroupKind.Program, "all", "Whole program", reportable, AtomOf) };
        groups.AddRange(cohorts.Select(c => Group(inputs, GroupKind.Cohort, c.CohortId, c.Name, pairs.Where(p => p.CohortId == c.CohortId).ToList(), atomOf: null)));
        var withCohort = reportable.Where(p => CohortOf(p) is not null).ToList();
        foreach (var training in new[] { MentorTraining.Substantive, MentorTraining.BriefOrientation })
        {
            groups.Add(Group(inputs, GroupKind.Training, training.ToString(), TrainingText(training), withCohort.Where(p => CohortOf(p)!.Training == training).ToList(), AtomOf));
        }

        foreach (var goals in new[] { true, false })
        {
            groups.Add(Group(inputs, GroupKind.ExplicitGoals, goals ? "yes" : "no", goals ? "Explicit goals required" : "Explicit goals not required",
                withCohort.Where(p => CohortOf(p)!.ExplicitGoalsRequired == goals).ToList(), AtomOf));
        }

        foreach (var criteria in withCohort.GroupBy(p => CriteriaKey(CohortOf(p)!.MatchingCriteria)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = CohortOf(criteria.First())!.MatchingCriteria?.Trim() is { Length: > 0 } text ? $"Matched by: {text}" : "Matching criteria not recorded";
            groups.Add(Group(inputs, GroupKind.MatchingCriteria, criteria.Key, name, criteria.ToList(), AtomOf));
        }

        return new ProgramReport(inputs.Now, cohortId, groups, leftOut);
    }

    public static string TrainingText(MentorTraining training) =>
        training == MentorTraining.Substantive ? "Substantive mentor training" : "Brief orientation";

    private static string CriteriaKey(string? criteria) => criteria?.Trim().ToLowerInvariant() is { Length: > 0 } key ? key : "-";

    private static int PeopleIn(IEnumerable<Pair> pairs) =>
        pairs.SelectMany(p => new[] { p.Mentor.Id, p.Mentee.Id }).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    /// <param name="atomOf">
    /// For a group combining cohorts: the cohort of a pair ("" for none), so each cohort's answers join a combined
    /// mean only when they are enough to be shown on their own. Null for a cohort's own group, which also carries
    /// the free text its mentors chose to share.
    /// </param>
    private static ReportGroup Group(ReportInputs inputs, GroupKind kind, string key, string name, List<Pair> pairs, Func<string, string>? atomOf)
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
            CheckIns = new Dictionary<string, IReadOnlyDictionary<CheckInRating, int>>
            {
                ["structure"] = Distribution(checkIns.Select(a => a.Structure)),
                ["needs"] = Distribution(checkIns.Select(a => a.Needs)),
                ["differently"] = Distribution(checkIns.Select(a => a.Differently)),
            },
            EscalationsByCause = inputs.Alerts.Where(a => a.PairId is not null && ids.Contains(a.PairId))
                .GroupBy(a => a.Cause).ToDictionary(g => g.Key, g => g.Count()),
            RematchByCategory = inputs.Rematches.Where(r => ids.Contains(r.PairId) && r.State != Rematch.RematchState.Withdrawn)
                .GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Count()),
            Midpoint = MeanOf(inputs.MidpointRatings.Where(m => ids.Contains(m.PairId)).Select(m => (m.PairId, m.Rating)), atomOf),
            Outcomes = new Dictionary<string, Mean>
            {
                ["career-advancement"] = MeanOf(outcomes.Select(o => (o.PairId, o.CareerAdvancement)), atomOf),
                ["skill-development"] = MeanOf(outcomes.Select(o => (o.PairId, o.SkillDevelopment)), atomOf),
                ["satisfaction"] = MeanOf(outcomes.Select(o => (o.PairId, o.Satisfaction)), atomOf),
                ["sense-of-belonging"] = MeanOf(outcomes.Select(o => (o.PairId, o.SenseOfBelonging)), atomOf),
            },
            BaselineBelonging = MeanOf(inputs.Baselines.Where(b => ids.Contains(b.PairId)).Select(b => (b.PairId, b.SenseOfBelonging)), atomOf),
            BaselineConfidence = MeanOf(inputs.Baselines.Where(b => ids.Contains(b.PairId)).Select(b => (b.PairId, b.FocusConfidence)), atomOf),
            Mentors = mentors.Count,
            MentorsReportingLearning = learning.Select(a => a.MentorId).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            SharedLearning = atomOf is null
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

    private static Mean MeanOf(IEnumerable<(string PairId, int Value)> answers, Func<string, string>? atomOf)
    {
        var answered = answers.Where(a => a.Value is >= 1 and <= 5).ToList();
        if (atomOf is not null)
        {
            answered = answered.GroupBy(a => atomOf(a.PairId), StringComparer.Ordinal).Where(g => g.Count() >= MinimumAnswers).SelectMany(g => g).ToList();
        }

        return new Mean(answered.Count >= MinimumAnswers ? answered.Average(a => a.Value) : null, answered.Count);
    }
}
