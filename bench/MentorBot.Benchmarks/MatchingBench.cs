using System.Diagnostics;
using MentorBot.Features.Matching;

namespace MentorBot.Benchmarks;

/// <summary>
/// Matching a cohort of 500 mentees and 300 mentors (capacity 2, 1 % of pairs excluded) with the product's assignment
/// (<see cref="CohortAssignment"/>) beside the greedy baseline (best remaining pair first), both on the same fits from
/// the product's <see cref="MatchFit"/> over generated profiles. No I/O: the time is the solver's, and the fit of each.
/// </summary>
internal static class MatchingBench
{
    private const int Mentees = 500;
    private const int Mentors = 300;
    private const int Capacity = 2;

    private static readonly string[] Departments = Enumerable.Range(0, 12).Select(d => $"Department {d}").ToArray();
    private static readonly string[] Titles = ["Engineer", "Designer", "Analyst", "Product Manager", "Scientist", "Accountant", "Recruiter", "Writer"];
    private static readonly string[] Offices = ["Oslo", "Lima", "Rome", "Pune", "Austin", "Nairobi"];

    public static void Run()
    {
        var random = new Random(16);
        var mentors = Enumerable.Range(0, Mentors).Select(i => Profile(random, $"mentor{i}", offers: true)).ToList();
        var mentees = Enumerable.Range(0, Mentees).Select(i => Profile(random, $"mentee{i}", offers: false)).ToList();
        var fits = new double?[Mentees, Mentors];
        var fitTime = Stopwatch.StartNew();
        for (var i = 0; i < Mentees; i++)
        {
            for (var j = 0; j < Mentors; j++)
            {
                fits[i, j] = random.Next(100) == 0 ? null : MatchFit.Of(mentors[j], mentees[i], MatchWeights.Starting).Score;
            }
        }

        fitTime.Stop();
        var capacities = Enumerable.Repeat(Capacity, Mentors).ToArray();
        // Both solvers once on a small cohort first, so neither time includes JIT compilation.
        var small = new double?[20, 10];
        for (var i = 0; i < 20; i++)
        {
            for (var j = 0; j < 10; j++)
            {
                small[i, j] = random.Next(5);
            }
        }

        Greedy(small, Enumerable.Repeat(Capacity, 10).ToArray());
        CohortAssignment.Solve(20, Enumerable.Repeat(Capacity, 10).ToArray(), (i, j) => small[i, j]);

        var greedyTime = Stopwatch.StartNew();
        var greedy = Greedy(fits, capacities);
        greedyTime.Stop();
        var optimalTime = Stopwatch.StartNew();
        var optimal = CohortAssignment.Solve(Mentees, capacities, (i, j) => fits[i, j]);
        optimalTime.Stop();

        var (greedyMatched, greedyFit) = Score(greedy, fits, capacities);
        var (optimalMatched, optimalFit) = Score(optimal, fits, capacities);
        Console.WriteLine($"== Cohort matching: {Mentees} mentees, {Mentors} mentors of capacity {Capacity}, 1 % of pairs excluded, fits from MatchFit ==");
        Console.WriteLine($"{"solver",-52} {"ms",9} {"vs base",8} {"matched",8} {"total fit",10} {"vs base",8}");
        Console.WriteLine($"{"baseline: greedy (best remaining pair first)",-52} {greedyTime.Elapsed.TotalMilliseconds,9:F0} {1.0,8:F2} {greedyMatched,8} {greedyFit,10:F1} {1.0,8:F3}");
        Console.WriteLine($"{"product: CohortAssignment (Hungarian over seats)",-52} {optimalTime.Elapsed.TotalMilliseconds,9:F0} {optimalTime.Elapsed / greedyTime.Elapsed,8:F1} {optimalMatched,8} {optimalFit,10:F1} {optimalFit / greedyFit,8:F3}");
        Console.WriteLine($"(the {Mentees * Mentors:N0} fits both use took {fitTime.Elapsed.TotalMilliseconds:F0} ms to compute, not counted above)");
        Console.WriteLine();
    }

    private static MatchProfile Profile(Random random, string id, bool offers)
    {
        var topics = SkillTopics.All.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(t => t.Key).ToList();
        return new MatchProfile(id, id)
        {
            Department = Departments[random.Next(Departments.Length)],
            JobTitle = (random.Next(2) == 0 ? "Senior " : "") + Titles[random.Next(Titles.Length)],
            OfficeLocation = Offices[random.Next(Offices.Length)],
            Wants = offers ? [] : topics,
            Offers = offers ? topics : [],
            Background = Backgrounds.All.Where(_ => random.Next(4) == 0).Select(b => b.Key).ToList(),
        };
    }

    /// <summary>The pass a coordinator's spreadsheet makes: all pairs by fit, highest first, each taken while both are free.</summary>
    private static int[] Greedy(double?[,] fits, int[] capacities)
    {
        var room = (int[])capacities.Clone();
        var assignment = Enumerable.Repeat(-1, fits.GetLength(0)).ToArray();
        var candidates = new List<(double Fit, int Mentee, int Mentor)>();
        for (var i = 0; i < fits.GetLength(0); i++)
        {
            for (var j = 0; j < fits.GetLength(1); j++)
            {
                if (fits[i, j] is { } fit)
                {
                    candidates.Add((fit, i, j));
                }
            }
        }

        foreach (var (_, i, j) in candidates.OrderByDescending(c => c.Fit))
        {
            if (assignment[i] < 0 && room[j] > 0)
            {
                assignment[i] = j;
                room[j]--;
            }
        }

        return assignment;
    }

    /// <summary>How many were matched and the total fit, after checking that the assignment respects capacity and exclusions.</summary>
    private static (int Matched, double Fit) Score(int[] assignment, double?[,] fits, int[] capacities)
    {
        for (var j = 0; j < capacities.Length; j++)
        {
            if (assignment.Count(a => a == j) > capacities[j])
            {
                throw new InvalidOperationException($"mentor {j} is over capacity");
            }
        }

        var total = 0.0;
        for (var i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] >= 0)
            {
                total += fits[i, assignment[i]] ?? throw new InvalidOperationException($"mentee {i} was given an excluded mentor");
            }
        }

        return (assignment.Count(a => a >= 0), total);
    }
}
