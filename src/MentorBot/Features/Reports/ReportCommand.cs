using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;
using MentorBot.Features.Reports.Charts;
using MentorBot.Features.Reports.Downloads;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace MentorBot.Features.Reports;

/// <summary>
/// "report [cohort]", "report failures [cohort]" and "report csv [cohort]" in a program's coordinators channel
/// (coordinators only). The CSV comes as a link that works for 15 minutes, and only for the coordinator who asked.
/// </summary>
public sealed class ReportCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly ReportData _data;
    private readonly DownloadStore _downloads;
    private readonly ReportSettings _settings;

    public ReportCommand(ProgramStore programs, ReportData data, DownloadStore downloads, IOptions<ReportSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _programs = programs;
        _data = data;
        _downloads = downloads;
        _settings = settings.Value;
    }

    public CommandInfo Info { get; } = new("report", "Shows the program report: cohorts side by side, program features, why pairs ended early (coordinators only).",
        CommandScopes.Channel, "report [failures | csv] [cohort]") { Audience = Audience.ProgramCoordinator, IsHeavy = true };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);

        var program = ProgramSubject.ProgramOf(turn);

        var (view, cohortName) = Parse(arguments);
        var inputs = await _data.LoadAsync(program, cancellationToken).ConfigureAwait(false);
        string? cohortId = null;
        if (cohortName is not null)
        {
            var cohort = inputs.Cohorts.FirstOrDefault(c => string.Equals(c.CohortId, cohortName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Name, cohortName, StringComparison.OrdinalIgnoreCase));
            if (cohort is null)
            {
                turn.Reply($"{program.Name} has no cohort called \"{cohortName}\". \"cohorts\" lists them.");
                return;
            }

            cohortId = cohort.CohortId;
        }

        var report = ProgramReport.Compute(inputs, cohortId);
        switch (view)
        {
            case "failures":
                turn.Reply(FailureCard.Create(program.Name, report));
                break;
            case "csv":
                await ReplyWithLinkAsync(turn, program, report, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var card = ReportCard.Create(program.Name, report);
                var message = Activity.CreateMessage(null, Attachment.AdaptiveCard(ChartCardJson.Render(card, ReportCard.Charts(report))));
                message.Summary = card.FallbackText;
                turn.Reply(message);
                break;
        }
    }

    private async Task ReplyWithLinkAsync(Turn turn, MentorshipProgram program, ProgramReport report, CancellationToken cancellationToken)
    {
        if (_settings.PublicBaseUrl is not { } baseUrl)
        {
            turn.Reply("CSV export is not switched on for this bot (the setting Reports:PublicBaseUrl is missing). Ask your IT team.");
            return;
        }

        var csv = ReportCsv.Build(report);
        var fileName = $"{program.ProgramId}-report-{report.At:yyyy-MM-dd}.csv";
        var token = await _downloads.IssueAsync(program.TenantId, turn.UserId!, fileName, "text/csv; charset=utf-8", csv, cancellationToken).ConfigureAwait(false);
        turn.Reply(DownloadCard.Create(fileName, new Uri(baseUrl, $"downloads/{token}"), DownloadStore.Lifetime));
    }

    private static (string View, string? Cohort) Parse(string arguments)
    {
        var text = arguments.Trim();
        foreach (var view in new[] { "failures", "csv" })
        {
            if (text.Equals(view, StringComparison.OrdinalIgnoreCase))
            {
                return (view, null);
            }

            if (text.StartsWith(view + " ", StringComparison.OrdinalIgnoreCase))
            {
                return (view, text[(view.Length + 1)..].Trim());
            }
        }

        return ("overview", text.Length == 0 ? null : text);
    }
}
