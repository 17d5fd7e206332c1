using MentorBot.Cards;
using MentorBot.Features.Pairs;
using MentorBot.Features.Reports.Charts;

namespace MentorBot.Features.Reports;

/// <summary>
/// The program report as a card: cohorts side by side, then by program feature, with charts where a picture reads
/// faster. Each chart's place holds its fallback (a FactSet or Table), so this card is also the mobile view;
/// <see cref="Charts"/> lists the charts that <see cref="ChartCardJson"/> renders in those places.
/// </summary>
public static class ReportCard
{
    public const string StatesChart = "chart-states";
    public const string OutcomesChart = "chart-outcomes";
    public const string EscalationsChart = "chart-escalations";
    private const int GroupsPerTable = 4;

    /// <summary>Cohorts shown side by side in one card, so it stays under Teams' 80 KB; the CSV has every cohort.</summary>
    public const int MaxCohorts = 4;

    /// <summary>Group names in column headers are cut here (matching criteria are free text).</summary>
    private const int MaxNameLength = 60;
    private static readonly string[] ClosedReasons = ["completed", "concluded-early", "rematched", "withdrawn"];

    public static AdaptiveCard Create(string programName, ProgramReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var program = report.OfKind(GroupKind.Program).Single();
        var allCohorts = report.OfKind(GroupKind.Cohort).ToList();
        var cohorts = Latest(allCohorts);
        var body = new List<CardElement>
        {
            TextBlock.Heading($"Program report — {programName}"),
            TextBlock.Subtle($"As of {report.At:yyyy-MM-dd}. Groups of fewer than {ProgramReport.MinimumPeople} people and means of fewer than " +
                $"{ProgramReport.MinimumAnswers} answers are not shown (nor counted in combined means), so no one can be identified."),
        };
        if (report.TooSmall.Count > 0)
        {
            body.Add(TextBlock.Subtle(TooSmallNote(report)));
        }

        if (program.Suppressed)
        {
            body.Add(new TextBlock(report.CohortFilter is null
                ? $"The program has fewer than {ProgramReport.MinimumPeople} people so far: nothing is shown yet."
                : $"This cohort has fewer than {ProgramReport.MinimumPeople} people: nothing is shown, so no one can be identified."));
            return new AdaptiveCard { Body = body, Teams = new TeamsCardOptions(), FallbackText = $"Program report — {programName}" };
        }

        body.Add(ChartCardJson.Slot(StatesChart, new FactSet(program.ByStage.OrderBy(s => s.Key).Select(s => new Fact(ReportText.Stage(s.Key), s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList())));
        body.Add(Section("Cohorts side by side"));
        if (allCohorts.Count > cohorts.Count)
        {
            body.Add(TextBlock.Subtle($"The {cohorts.Count} latest of {allCohorts.Count} cohorts. \"report <cohort>\" shows one; \"report csv\" has them all."));
        }

        body.AddRange(Tables(cohorts.Count > 0 ? cohorts : [program]));
        body.Add(ChartCardJson.Slot(OutcomesChart, OutcomesTable(cohorts.Where(c => !c.Suppressed).ToList())));
        body.Add(Section("By program feature"));
        body.AddRange(Tables(report.Groups.Where(g => g.Kind is GroupKind.Training or GroupKind.ExplicitGoals).ToList()));
        var criteria = report.OfKind(GroupKind.MatchingCriteria).Take(MaxCohorts).ToList();
        if (criteria.Count > 1)
        {
            body.AddRange(Tables(criteria));
        }

        body.Add(Section("Why pairs ended early, and what escalations said"));
        body.AddRange(FailureCard.Tables(cohorts.Count > 0 ? cohorts : [program]));
        body.Add(ChartCardJson.Slot(EscalationsChart, new FactSet(Escalations(program).Select(e => new Fact(e.X, ReportText.Number(e.Y))).DefaultIfEmpty(new Fact("Escalations", "none")).ToList())));

        var shared = cohorts.Where(c => c.SharedLearning.Count > 0).ToList();
        if (shared.Count > 0)
        {
            body.Add(Section("What mentors are learning from their mentees (shared anonymously by choice)"));
            body.AddRange(shared.Select(c => new FactSet(c.SharedLearning.Select(text => new Fact(c.Name, text)).ToList())));
        }

        return new AdaptiveCard { Body = body, Teams = new TeamsCardOptions(), FallbackText = $"Program report — {programName}" };
    }

    /// <summary>Where the groups too small to show went, so nobody misreads the totals.</summary>
    public static string TooSmallNote(ProgramReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var names = string.Join(", ", report.TooSmall);
        return report.TooSmallInTotals
            ? $"Fewer than {ProgramReport.MinimumPeople} people each, so counted only together in the whole-program totals, never on their own or by program feature: {names}."
            : $"Left out of every figure, totals included, for having fewer than {ProgramReport.MinimumPeople} people (otherwise subtraction would reveal them): {names}.";
    }

    /// <summary>The charts whose places <see cref="Create"/> reserved (only those whose place exists are rendered).</summary>
    public static IReadOnlyList<ReportChart> Charts(ProgramReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var program = report.OfKind(GroupKind.Program).Single();
        if (program.Suppressed)
        {
            return [];
        }

        var shownCohorts = Latest(report.OfKind(GroupKind.Cohort).ToList()).Where(c => !c.Suppressed).ToList();
        ReportChart[] charts =
        [
            new DonutChart(StatesChart, "Pairs by state", program.ByStage.OrderBy(s => s.Key).Select(s => new DonutSlice(ReportText.Stage(s.Key), s.Value)).ToList()),
            new GroupedBarChart(OutcomesChart, "Outcomes at closure by cohort (mean, 1–5)", "Outcome", "Mean",
                shownCohorts.Select(c => new BarSeries(Short(c.Name), ProgramReport.OutcomeMeasures
                    .Where(m => c.Outcomes[m].Value is not null)
                    .Select(m => (ReportText.Measure(m), Math.Round(c.Outcomes[m].Value!.Value, 2))).ToList()))
                    .Where(s => s.Values.Count > 0).ToList()),
            new HorizontalBarChart(EscalationsChart, "Escalations by cause", Escalations(program)),
        ];

        // A chart with nothing to draw is left out; its place keeps the fallback, which says so in words.
        return charts.Where(c => c.HasData).ToList();
    }

    internal static TextBlock Section(string text) => new(text) { Weight = "Bolder", Size = "Medium", Spacing = "Large", Separator = true };

    internal static IEnumerable<CardElement> Tables(IReadOnlyList<ReportGroup> groups) =>
        groups.Chunk(GroupsPerTable).Select(chunk => (CardElement)ComparisonTable(chunk));

    internal static List<ReportGroup> Latest(List<ReportGroup> cohorts) => cohorts.Skip(Math.Max(0, cohorts.Count - MaxCohorts)).ToList();

    internal static string Short(string name) => name.Length <= MaxNameLength ? name : string.Concat(name.AsSpan(0, MaxNameLength - 1), "…");

    internal static Table Grid(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        new(Enumerable.Range(0, header.Count).Select(i => new TableColumn(i == 0 ? 2 : 1)).ToList(),
            new[] { header }.Concat(rows).Select(r => new TableRow(r.Select(text => new TableCell([new TextBlock(text)])).ToList())).ToList());

    private static Table ComparisonTable(IReadOnlyList<ReportGroup> groups)
    {
        var rows = new List<(string Label, Func<ReportGroup, string> Value)>
        {
            ("People", g => g.People.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Pairs", g => g.Pairs.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        rows.AddRange(Enum.GetValues<PairStage>().Select(stage => ($"  {ReportText.Stage(stage)}", (Func<ReportGroup, string>)(g => Count(g.ByStage, stage)))));
        rows.AddRange(ClosedReasons
            .Select(reason => ($"  closed: {ReportText.ClosedReason(reason)}", (Func<ReportGroup, string>)(g => Count(g.ClosedByReason, reason)))));
        rows.Add(("Expectations completed", g => $"{g.ExpectationsCompleted} of {g.Pairs}"));
        rows.Add(("Meetings per pair per month", g => g.MeetingsPerPairPerMonth is { } m ? ReportText.Number(m) : "—"));
        rows.Add(("Check-in answers", g => g.CheckInAnswers.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        rows.Add(($"  {ReportText.Question("structure")}: working / could be better / not",
            g => string.Join(" / ", Enum.GetValues<CheckIns.CheckInRating>().Select(r => g.StructureRatings[r]))));
        rows.AddRange(ProgramReport.CheckInRequestQuestions.Select(q => ($"  {ReportText.Question(q)}: said yes",
            (Func<ReportGroup, string>)(g => $"{g.CheckInRequests[q]} of {g.CheckInAnswers}"))));
        rows.Add(("Escalations", g => g.EscalationsByCause.Values.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        rows.Add(("Midpoint rating", g => ReportText.Mean(g.Midpoint)));
        rows.AddRange(ProgramReport.OutcomeMeasures.Select(m => (ReportText.Measure(m), (Func<ReportGroup, string>)(g => ReportText.Mean(g.Outcomes[m])))));
        rows.Add(("Sense of belonging at the start", g => ReportText.Mean(g.BaselineBelonging)));
        rows.Add(("Confidence in the focus area at the start", g => ReportText.Mean(g.BaselineConfidence)));
        rows.Add(("Mentors reporting learning from mentees", g => $"{g.MentorsReportingLearning} of {g.Mentors}"));

        return Grid(
            ["Measure", .. groups.Select(g => Short(g.Name))],
            rows.Select(r => (IReadOnlyList<string>)[r.Label, .. groups.Select(g => g.Suppressed ? ReportText.Suppressed : r.Value(g))]));
    }

    private static Table OutcomesTable(IReadOnlyList<ReportGroup> cohorts) => Grid(
        ["Outcome (mean, 1–5)", .. cohorts.Take(GroupsPerTable).Select(c => Short(c.Name))],
        ProgramReport.OutcomeMeasures.Select(m => (IReadOnlyList<string>)[ReportText.Measure(m), .. cohorts.Take(GroupsPerTable).Select(c => ReportText.Mean(c.Outcomes[m]))]));

    private static List<(string X, double Y)> Escalations(ReportGroup program) =>
        program.EscalationsByCause.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, (double)e.Value)).ToList();

    private static string Count<T>(IReadOnlyDictionary<T, int> counts, T key) =>
        (counts.TryGetValue(key, out var n) ? n : 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
