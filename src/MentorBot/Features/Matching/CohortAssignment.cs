namespace MentorBot.Features.Matching;

/// <summary>
/// The best assignment of mentees to mentors within each mentor's capacity: as many mentees matched as possible,
/// and among those assignments the highest total fit. The Hungarian algorithm (shortest augmenting paths with
/// potentials, O(n² m)) over mentor seats: a mentor with capacity c is c seats. Each mentee also has a seat of its
/// own meaning "no mentor", so a mentee whose every mentor is excluded or full stays unmatched instead of failing.
/// </summary>
public static class CohortAssignment
{
    // Costs are minimised: a fit f costs -f. "No mentor" costs far more than any fit is worth, so matching one more
    // mentee always wins; an excluded pair costs more still, so it is never chosen while "no mentor" is open.
    private const double Unmatched = 1e6;
    private const double Excluded = 1e9;

    /// <param name="mentees">how many mentees (rows).</param>
    /// <param name="capacities">each mentor's remaining capacity.</param>
    /// <param name="fit">the fit of mentor <c>j</c> for mentee <c>i</c>, or null when the two must not be matched.</param>
    /// <returns>for each mentee the index of its mentor, or -1.</returns>
    public static int[] Solve(int mentees, IReadOnlyList<int> capacities, Func<int, int, double?> fit)
    {
        ArgumentNullException.ThrowIfNull(capacities);
        ArgumentNullException.ThrowIfNull(fit);
        var seatOwner = new List<int>();
        for (var mentor = 0; mentor < capacities.Count; mentor++)
        {
            // More seats than mentees can never be used.
            for (var seat = 0; seat < Math.Min(Math.Max(capacities[mentor], 0), mentees); seat++)
            {
                seatOwner.Add(mentor);
            }
        }

        var n = mentees;
        var seats = seatOwner.Count;
        var m = seats + n;
        var cost = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            var byMentor = new double[capacities.Count];
            for (var j = 0; j < capacities.Count; j++)
            {
                byMentor[j] = fit(i, j) is { } f ? -f : Excluded;
            }

            for (var s = 0; s < seats; s++)
            {
                cost[i, s] = byMentor[seatOwner[s]];
            }

            for (var s = seats; s < m; s++)
            {
                cost[i, s] = Unmatched;
            }
        }

        var seatOfRow = Hungarian(cost, n, m);
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            var s = seatOfRow[i];
            result[i] = s < seats && cost[i, s] < Unmatched ? seatOwner[s] : -1;
        }

        return result;
    }

    /// <summary>Minimum-cost assignment of n rows to distinct columns of m ≥ n; returns each row's column.</summary>
    private static int[] Hungarian(double[,] cost, int n, int m)
    {
        // 1-based arrays, column 0 is the virtual start of each augmenting path.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOfColumn = new int[m + 1];
        var way = new int[m + 1];
        var minTo = new double[m + 1];
        var used = new bool[m + 1];
        for (var row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            var column = 0;
            Array.Fill(minTo, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[column] = true;
                var i = rowOfColumn[column];
                var delta = double.PositiveInfinity;
                var next = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var reduced = cost[i - 1, j - 1] - u[i] - v[j];
                    if (reduced < minTo[j])
                    {
                        minTo[j] = reduced;
                        way[j] = column;
                    }

                    if (minTo[j] < delta)
                    {
                        delta = minTo[j];
                        next = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minTo[j] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            do
            {
                var previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        var columnOfRow = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (rowOfColumn[j] != 0)
            {
                columnOfRow[rowOfColumn[j] - 1] = j - 1;
            }
        }

        return columnOfRow;
    }
}
