using MentorBot.Checking;
using MentorBot.Features.Matching;

namespace MentorBot.Tests.Matching;

public sealed class CohortAssignmentTests
{
    [Fact]
    public void Twelve_mentees_and_eight_mentors_of_capacity_two_get_the_exhaustive_optimum_within_capacity_and_exclusions()
    {
        var random = new Random(16);
        for (var round = 0; round < 20; round++)
        {
            var fits = new double?[12, 8];
            for (var i = 0; i < 12; i++)
            {
                for (var j = 0; j < 8; j++)
                {
                    fits[i, j] = random.Next(10) == 0 ? null : random.Next(0, 21) / 2.0;
                }
            }

            var capacities = Enumerable.Repeat(2, 8).ToArray();
            var assignment = CohortAssignment.Solve(12, capacities, (i, j) => fits[i, j]);

            Assert.All(Enumerable.Range(0, 8), j => Assert.True(assignment.Count(a => a == j) <= 2));
            Assert.All(Enumerable.Range(0, 12), i => Assert.True(assignment[i] < 0 || fits[i, assignment[i]] is not null));
            var (bestMatched, bestFit) = ExhaustiveAssignment.Best(12, capacities, (i, j) => fits[i, j]);
            Assert.Equal(bestMatched, assignment.Count(a => a >= 0));
            Assert.Equal(bestFit, assignment.Select((j, i) => j < 0 ? 0 : fits[i, j]!.Value).Sum(), 6);
        }
    }

    [Fact]
    public void A_mentee_every_mentor_is_excluded_for_stays_unmatched_and_the_rest_are_matched()
    {
        var assignment = CohortAssignment.Solve(3, [1, 1], (i, j) => i == 0 ? null : 1.0);

        Assert.Equal(-1, assignment[0]);
        Assert.Equal([0, 1], assignment[1..].Order());
    }

    [Fact]
    public void It_beats_the_greedy_pass_where_the_first_best_pair_blocks_two_good_ones()
    {
        // Greedy takes (0,0) = 10 and leaves mentee 1 with 0: total 10. The optimum is (0,1) + (1,0) = 9 + 9.
        double?[,] fits = { { 10, 9 }, { 9, 0 } };

        var assignment = CohortAssignment.Solve(2, [1, 1], (i, j) => fits[i, j]);

        Assert.Equal([1, 0], assignment);
    }
}
