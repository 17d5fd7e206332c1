using System.Globalization;
using MentorBot.Cards;
using MentorBot.Features.Rematch;

namespace MentorBot.Features.Reports;

/// <summary>
/// Failure analysis by cohort ("report failures"): how pairs ended other than completed, rematch reason categories,
/// escalation causes. Ending early is not a failure in itself; it is shown so coordinators can see patterns.
/// </summary>
public static class FailureCard
{
    public static AdaptiveCard Create(string programName, ProgramReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var allCohorts = report.OfKind(GroupKind.Cohort).ToList();
        var cohorts = ReportCard.Latest(allCohorts);
        var body = new List<CardElement>
        {
            TextBlock.Heading($"Why pairs ended early — {programName}"),
            TextBlock.Subtle($"As of {report.At:yyyy-MM-dd}. Ending early is a success when the pair got what it needed. " +
                $"Groups of fewer than {ProgramReport.MinimumPeople} people are not shown."),
        };
        if (allCohorts.Count > cohorts.Count)
        {
            body.Add(TextBlock.Subtle($"The {cohorts.Count} latest of {allCohorts.Count} cohorts. \"report failures <cohort>\" shows one; \"report csv\" has them all."));
        }

        body.AddRange(Tables(cohorts.Count > 0 ? cohorts : report.OfKind(GroupKind.Program).ToList()));
        return new AdaptiveCard { Body = body, Teams = new TeamsCardOptions(), FallbackText = $"Why pairs ended early — {programName}" };
    }

    internal static IEnumerable<CardElement> Tables(IReadOnlyList<ReportGroup> groups)
    {
        foreach (var chunk in groups.Chunk(4))
        {
            var reasons = chunk.Where(g => !g.Suppressed).SelectMany(g => g.ClosedByReason.Keys).Where(k => k != "completed").Distinct().Order(StringComparer.Ordinal).ToList();
            var categories = chunk.Where(g => !g.Suppressed).SelectMany(g => g.RematchByCategory.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            var causes = chunk.Where(g => !g.Suppressed).SelectMany(g => g.EscalationsByCause.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            var rows = new List<IReadOnlyList<string>> { Row("Ended other than completed", chunk, g => g.EndedEarly) };
            rows.AddRange(reasons.Select(r => Row($"  {ReportText.ClosedReason(r)}", chunk, g => g.ClosedByReason.GetValueOrDefault(r))));
            rows.Add(Row("Rematch requests", chunk, g => g.RematchByCategory.Values.Sum()));
            rows.AddRange(categories.Select(c => Row($"  {RematchReasons.CategoryText(c)}", chunk, g => g.RematchByCategory.GetValueOrDefault(c))));
            rows.Add(Row("Escalations", chunk, g => g.EscalationsByCause.Values.Sum()));
            rows.AddRange(causes.Select(c => Row($"  {c}", chunk, g => g.EscalationsByCause.GetValueOrDefault(c))));
            yield return ReportCard.Grid(["Measure", .. chunk.Select(g => ReportCard.Short(g.Name))], rows);
        }
    }

    private static IReadOnlyList<string> Row(string label, IEnumerable<ReportGroup> groups, Func<ReportGroup, int> value) =>
        [label, .. groups.Select(g => g.Suppressed ? ReportText.Suppressed : value(g).ToString(CultureInfo.InvariantCulture))];
}
