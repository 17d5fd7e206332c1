namespace MentorBot.Features.Matching;

/// <summary>A closed pair as learning sees it: which criteria the pair met, and whether it concluded well.</summary>
public sealed record PairOutcomeFacts(IReadOnlyCollection<MatchCriterion> Criteria, bool ConcludedWell);

/// <summary>What the program's own outcomes say about one criterion, and the weight it gets from them.</summary>
public sealed record CriterionEvidence(
    MatchCriterion Criterion, int PairsWith, int WellWith, int PairsWithout, int WellWithout, double StartingWeight, double Weight)
{
    public bool Adjusted => Weight != StartingWeight;

    public double? RateWith => PairsWith == 0 ? null : (double)WellWith / PairsWith;

    public double? RateWithout => PairsWithout == 0 ? null : (double)WellWithout / PairsWithout;
}

/// <summary>
/// Adjusts each criterion's weight from the program's own closed pairs: a criterion whose pairs concluded well more
/// often than pairs without it gains weight, one that did worse loses some. A criterion is left at its starting weight
/// unless both groups (with it, without it) have at least <see cref="MinimumPairs"/> pairs: fewer say nothing.
/// </summary>
public static class OutcomeLearning
{
    /// <summary>Below this many pairs on either side a difference in rates is mostly chance.</summary>
    public const int MinimumPairs = 10;

    /// <summary>Learning can at most double a weight, and never takes it below a quarter of where it started.</summary>
    private const double MaxFactor = 2;
    private const double MinFactor = 0.25;

    public static IReadOnlyList<CriterionEvidence> Learn(IReadOnlyCollection<PairOutcomeFacts> pairs, MatchWeights starting)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(starting);
        var evidence = new List<CriterionEvidence>();
        foreach (var criterion in MatchCriteria.All)
        {
            var with = pairs.Where(p => p.Criteria.Contains(criterion)).ToList();
            var without = pairs.Where(p => !p.Criteria.Contains(criterion)).ToList();
            var wellWith = with.Count(p => p.ConcludedWell);
            var wellWithout = without.Count(p => p.ConcludedWell);
            var start = starting.Of(criterion);
            var weight = start;
            if (with.Count >= MinimumPairs && without.Count >= MinimumPairs)
            {
                // The difference in rates (-1..1) moves the weight by up to its own size, within the bounds above.
                var lift = (double)wellWith / with.Count - (double)wellWithout / without.Count;
                weight = start * Math.Clamp(1 + lift, MinFactor, MaxFactor);
            }

            evidence.Add(new CriterionEvidence(criterion, with.Count, wellWith, without.Count, wellWithout, start, weight));
        }

        return evidence;
    }

    public static MatchWeights WeightsFrom(IEnumerable<CriterionEvidence> evidence) =>
        new(evidence.ToDictionary(e => e.Criterion, e => e.Weight));
}
