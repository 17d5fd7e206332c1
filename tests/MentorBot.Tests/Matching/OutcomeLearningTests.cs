using MentorBot.Features.Matching;

namespace MentorBot.Tests.Matching;

public sealed class OutcomeLearningTests
{
    [Fact]
    public void A_criterion_that_predicts_good_endings_gains_weight_and_one_seen_in_too_few_pairs_is_unchanged()
    {
        var pairs = new List<PairOutcomeFacts>();
        // Shared field: 20 pairs with it, 18 concluded well; 20 without, 6 did.
        pairs.AddRange(Enumerable.Range(0, 20).Select(i => new PairOutcomeFacts([MatchCriterion.SharedField], i < 18)));
        pairs.AddRange(Enumerable.Range(0, 20).Select(i => new PairOutcomeFacts([], i < 6)));
        // Shared background: only 4 pairs, all concluded well.
        pairs.AddRange(Enumerable.Range(0, 4).Select(_ => new PairOutcomeFacts([MatchCriterion.SharedBackground], true)));

        var evidence = OutcomeLearning.Learn(pairs, MatchWeights.Starting).ToDictionary(e => e.Criterion);

        var field = evidence[MatchCriterion.SharedField];
        Assert.True(field.Weight > MatchCriteria.StartingWeight(MatchCriterion.SharedField), $"weight {field.Weight}");
        Assert.Equal((20, 18), (field.PairsWith, field.WellWith));
        var background = evidence[MatchCriterion.SharedBackground];
        Assert.Equal(MatchCriteria.StartingWeight(MatchCriterion.SharedBackground), background.Weight);
        Assert.False(background.Adjusted);
    }

    [Fact]
    public void A_criterion_whose_pairs_did_worse_loses_weight_but_not_below_a_quarter()
    {
        var pairs = Enumerable.Range(0, 12).Select(_ => new PairOutcomeFacts([MatchCriterion.SameOffice], false))
            .Concat(Enumerable.Range(0, 12).Select(_ => new PairOutcomeFacts([], true)))
            .ToList();

        var office = OutcomeLearning.Learn(pairs, MatchWeights.Starting).Single(e => e.Criterion == MatchCriterion.SameOffice);

        Assert.Equal(MatchCriteria.StartingWeight(MatchCriterion.SameOffice) * 0.25, office.Weight, 6);
    }

    [Fact]
    public void Starting_weights_follow_the_research_order_substantive_first()
    {
        var ordered = MatchCriteria.All.OrderByDescending(MatchCriteria.StartingWeight).ToList();

        Assert.Equal([MatchCriterion.OffersWhatMenteeWants, MatchCriterion.SharedField, MatchCriterion.SharedBackground, MatchCriterion.SimilarRole,
            MatchCriterion.SameOffice], ordered);
    }
}
