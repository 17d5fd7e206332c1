using System.Globalization;
using System.Text;

namespace MentorBot.Features.Reports;

/// <summary>
/// The report as CSV for coordinators' own analysis: one row per group, measure and category, in long format.
/// A suppressed group has one row saying so and no numbers; the program's rows name the groups too small to show and
/// whether they count in its totals (see <see cref="ProgramReport.TooSmall"/>). Free text is left out: a CSV leaves the bot's control.
/// </summary>
public static class ReportCsv
{
    public const string Header = "group_kind,group,measure,category,value,count";

    public static string Build(ProgramReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var g in report.Groups)
        {
            void Row(string measure, string category, string value, int? count = null) =>
                csv.Append(Field(g.Kind.ToString())).Append(',').Append(Field(g.Name)).Append(',').Append(Field(measure)).Append(',')
                    .Append(Field(category)).Append(',').Append(Field(value)).Append(',')
                    .Append(count?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append("\r\n");

            if (g.Suppressed)
            {
                Row("suppressed", string.Empty, $"fewer than {ProgramReport.MinimumPeople} people");
                continue;
            }

            if (g.Kind == GroupKind.Program)
            {
                // Said before any number, so no one reads the totals as covering the small cohorts.
                foreach (var name in report.TooSmall)
                {
                    Row(report.TooSmallInTotals ? "counted_only_together_in_program_totals" : "left_out_of_every_figure", name,
                        $"fewer than {ProgramReport.MinimumPeople} people");
                }
            }

            Row("people", string.Empty, Int(g.People));
            Row("pairs", string.Empty, Int(g.Pairs));
            foreach (var (stage, n) in g.ByStage.OrderBy(s => s.Key))
            {
                Row("pairs_by_state", stage.ToString(), Int(n));
            }

            foreach (var (reason, n) in g.ClosedByReason.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                Row("closed_by_reason", reason, Int(n));
            }

            Row("expectations_completed", string.Empty, Int(g.ExpectationsCompleted), g.Pairs);
            Row("meetings_held", string.Empty, Int(g.MeetingsHeld));
            Row("meetings_per_pair_per_month", string.Empty, g.MeetingsPerPairPerMonth is { } m ? Dec(m) : string.Empty);
            foreach (var (rating, n) in g.StructureRatings)
            {
                Row("checkin_structure", rating.ToString(), Int(n), g.CheckInAnswers);
            }

            foreach (var question in ProgramReport.CheckInRequestQuestions)
            {
                Row($"checkin_{question}", "Yes", Int(g.CheckInRequests[question]), g.CheckInAnswers);
                Row($"checkin_{question}", "No", Int(g.CheckInAnswers - g.CheckInRequests[question]), g.CheckInAnswers);
            }

            foreach (var (cause, n) in g.EscalationsByCause.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                Row("escalations_by_cause", cause, Int(n));
            }

            foreach (var (category, n) in g.RematchByCategory.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                Row("rematch_by_category", category, Int(n));
            }

            Row("midpoint_rating_mean", string.Empty, g.Midpoint.Value is { } mid ? Dec(mid) : string.Empty, g.Midpoint.Count);
            foreach (var measure in ProgramReport.OutcomeMeasures)
            {
                var mean = g.Outcomes[measure];
                Row("outcome_mean", measure, mean.Value is { } v ? Dec(v) : string.Empty, mean.Count);
            }

            Row("baseline_mean", "sense-of-belonging", g.BaselineBelonging.Value is { } bb ? Dec(bb) : string.Empty, g.BaselineBelonging.Count);
            Row("baseline_mean", "focus-confidence", g.BaselineConfidence.Value is { } bc ? Dec(bc) : string.Empty, g.BaselineConfidence.Count);
            Row("mentors_reporting_learning", string.Empty, Int(g.MentorsReportingLearning), g.Mentors);
        }

        return csv.ToString();
    }

    /// <summary>Quotes when needed, and defuses a leading =, +, -, @ so a spreadsheet never runs a cohort name as a formula.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value != value.Trim() ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Dec(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
