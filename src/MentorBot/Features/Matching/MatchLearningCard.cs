using System.Globalization;
using MentorBot.Cards;
using MentorBot.Features.Reports;

namespace MentorBot.Features.Matching;

/// <summary>
/// What the program's own outcomes say about each matching criterion, and the weight matching now gives it. Groups of
/// fewer than <see cref="ProgramReport.MinimumPeople"/> pairs are not shown, as in every report.
/// </summary>
public static class MatchLearningCard
{
    public static AdaptiveCard Create(string programName, IReadOnlyList<CriterionEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var rows = new List<TableRow> { Row("Criterion", "Pairs that had it", "Pairs without it", "Weight") };
        rows.AddRange(evidence.Select(e => Row(
            MatchCriteria.Name(e.Criterion),
            Rate(e.WellWith, e.PairsWith),
            Rate(e.WellWithout, e.PairsWithout),
            e.Adjusted ? $"{Number(e.StartingWeight)} → {Number(e.Weight)}" : $"{Number(e.Weight)} (unchanged: {Why(e)})")));
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"How matching learns: {programName}"),
                TextBlock.Subtle("Concluded well = completed. Ended early or rematched = not. Withdrawals are left out."),
                new Table([new TableColumn(3), new TableColumn(3), new TableColumn(3), new TableColumn(2)], rows),
                TextBlock.Subtle($"Weights start in the research's order (substantive criteria first) and move only when at least {OutcomeLearning.MinimumPairs} closed pairs had the criterion and {OutcomeLearning.MinimumPairs} did not."),
            ],
            FallbackText = $"How matching learns: {programName}",
        };
    }

    private static string Rate(int well, int pairs) => pairs < ProgramReport.MinimumPeople
        ? $"fewer than {ProgramReport.MinimumPeople} pairs"
        : $"concluded well {Math.Round(100.0 * well / pairs).ToString(CultureInfo.InvariantCulture)} % of the time, n = {pairs}";

    private static string Why(CriterionEvidence e) => e.PairsWith < OutcomeLearning.MinimumPairs || e.PairsWithout < OutcomeLearning.MinimumPairs
        ? "too few pairs to learn from"
        : "no difference";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static TableRow Row(params string[] cells) => new(cells.Select(c => new TableCell([new TextBlock(c) { Size = "Small" }])).ToList());
}
