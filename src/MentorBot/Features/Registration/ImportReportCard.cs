using MentorBot.Cards;

namespace MentorBot.Features.Registration;

/// <summary>
/// The report of an imported file: one line per row (row number, mentor, mentee, and created / already registered /
/// skipped and why). A long report is split over several cards of <see cref="RowsPerCard"/> rows, so each stays well
/// under the Teams message size.
/// </summary>
public static class ImportReportCard
{
    public const int RowsPerCard = 100;

    public static int CardCount(ImportReport report) => Math.Max(1, (report.Rows.Count + RowsPerCard - 1) / RowsPerCard);

    /// <summary>Card <paramref name="part"/> (0-based) of the report; the first one carries the summary.</summary>
    public static AdaptiveCard Create(ImportReport report, int part)
    {
        var rows = report.Rows.Skip(part * RowsPerCard).Take(RowsPerCard).ToList();
        var parts = CardCount(report);
        var body = new List<CardElement>();
        if (part == 0)
        {
            body.Add(TextBlock.Heading("Pairs imported"));
            body.Add(new TextBlock(report.Summary) { Weight = "Bolder" });
            if (report.Count(ImportOutcome.Skipped) > 0)
            {
                body.Add(TextBlock.Subtle("Skipped rows created nothing. Fix them and send the file again: rows already registered are not registered twice."));
            }
        }
        else
        {
            body.Add(new TextBlock($"{report.FileName}, continued ({part + 1} of {parts})") { Weight = "Bolder" });
        }

        body.Add(new FactSet(rows.Select(r => new Fact($"Row {r.Line}", Describe(r))).ToList()));
        return new AdaptiveCard { Body = body, FallbackText = report.Summary };
    }

    private static string Describe(ImportRowResult row)
    {
        var who = $"{Show(row.Mentor)} → {Show(row.Mentee)}";
        return row.Outcome switch
        {
            ImportOutcome.Created => $"{who}: created",
            ImportOutcome.AlreadyRegistered => $"{who}: already registered{(row.Reason is null ? string.Empty : $" ({row.Reason})")}",
            _ => $"{who}: skipped, {row.Reason}",
        };
    }

    private static string Show(string person) => person.Length == 0 ? "(missing)" : person.Length > 80 ? person[..80] + "…" : person;
}
