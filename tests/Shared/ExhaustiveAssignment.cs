namespace MentorBot.Checking;

/// <summary>
/// The best possible assignment of mentees to mentors within capacity, found by trying every one (memoised over how
/// much room each mentor has left): as many mentees matched as possible, then the highest total fit. Slow and
/// obviously right, so it checks the product's assignment algorithm. Compiled into the unit and integration tests.
/// </summary>
internal static class ExhaustiveAssignment
{
    /// <param name="fit">the fit of mentor <c>j</c> for mentee <c>i</c>, or null when the two must not be matched.</param>
    public static (int Matched, double Fit) Best(int mentees, IReadOnlyList<int> capacities, Func<int, int, double?> fit)
    {
        var memo = new Dictionary<(int, string), (int, double)>();
        (int, double) From(int mentee, int[] room)
        {
            if (mentee == mentees)
            {
                return (0, 0);
            }

            var key = (mentee, string.Join(',', room));
            if (memo.TryGetValue(key, out var known))
            {
                return known;
            }

            var best = From(mentee + 1, room);
            for (var j = 0; j < room.Length; j++)
            {
                if (room[j] == 0 || fit(mentee, j) is not { } f)
                {
                    continue;
                }

                room[j]--;
                var (matched, total) = From(mentee + 1, room);
                room[j]++;
                if (matched + 1 > best.Item1 || (matched + 1 == best.Item1 && total + f > best.Item2 + 1e-9))
                {
                    best = (matched + 1, total + f);
                }
            }

            memo[key] = best;
            return best;
        }

        return From(0, capacities.ToArray());
    }
}
