namespace MentorBot.Features.Matching;

/// <summary>How much each criterion counts towards a match's fit.</summary>
public sealed record MatchWeights(IReadOnlyDictionary<MatchCriterion, double> Values)
{
    public static MatchWeights Starting { get; } = new(MatchCriteria.All.ToDictionary(c => c, MatchCriteria.StartingWeight));

    public double Of(MatchCriterion criterion) => Values.TryGetValue(criterion, out var weight) ? weight : MatchCriteria.StartingWeight(criterion);
}
