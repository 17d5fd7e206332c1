using System.Globalization;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>
/// A pairs CSV sent to the bot in a personal chat, by a coordinator: checked before anything is downloaded, read,
/// and registered row by row through <see cref="PairRegistration"/> (one pair per good row, nothing from a bad row,
/// nothing twice), answered with a per-row report. Which program: the row's "program" column (name or id), or the
/// tenant's only program.
/// </summary>
public sealed class PairImport : IAttachmentHandler
{
    private readonly ProgramStore _programs;
    private readonly PairStore _pairs;
    private readonly PairRegistration _registration;
    private readonly FileDownloader _downloader;
    private readonly ImportLedger _ledger;
    private readonly TimeProvider _time;

    public PairImport(ProgramStore programs, PairStore pairs, PairRegistration registration, FileDownloader downloader,
        ImportLedger ledger, TimeProvider time)
    {
        _programs = programs;
        _pairs = pairs;
        _registration = registration;
        _downloader = downloader;
        _ledger = ledger;
        _time = time;
    }

    public static string Instructions =>
        "Send me a CSV file here, in this personal chat, with a header line and one pair per row: " +
        $"\"{PairCsv.Template}\" (mentor and mentee by UPN or email; cohort, dates as yyyy-mm-dd and focus are optional; " +
        $"at most {PairCsv.MaxRows} rows). If you coordinate several programs, add a \"program\" column with the program's name.";

    public Audience Audience => Audience.ProgramCoordinator;

    public bool CanHandle(Turn turn) => turn.IsPersonal && TeamsFile.From(turn.Activity) is not null;

    public async Task HandleAsync(Turn turn, CancellationToken cancellationToken)
    {

        if (TeamsFile.From(turn.Activity) is not { } file)
        {
            turn.Reply(Instructions);
            return;
        }

        if (!file.IsCsv)
        {
            turn.Reply($"\"{file.Name}\" is not a CSV file. Save the sheet as \"CSV UTF-8 (comma delimited)\" and send that. Nothing was registered.");
            return;
        }

        // Only the programs the sender coordinates (admitted by the router); a CSV cannot name anyone else's program.
        var programs = ProgramSubject.ProgramsOf(turn);
        if (programs.Count == 0)
        {
            turn.Reply("There is no program to register pairs in yet. Mention me with \"setup <program name>\" in your coordinators' channel first. Nothing was registered.");
            return;
        }

        var (content, downloadProblem) = await _downloader.DownloadAsync(file.DownloadUrl, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            turn.Reply($"{downloadProblem} Nothing was registered.");
            return;
        }

        var csv = PairCsv.Parse(content);
        if (csv.Problem is not null)
        {
            turn.Reply($"I couldn't use \"{file.Name}\": {csv.Problem} Nothing was registered.");
            return;
        }

        if (!csv.HasProgramColumn && programs.Count > 1)
        {
            turn.Reply($"You have several programs ({string.Join(", ", programs.Select(p => p.Name))}), so I can't tell which one these pairs are for. " +
                "Add a \"program\" column with the program's name to the file and send it again. Nothing was registered.");
            return;
        }

        var results = new List<ImportRowResult>(csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            results.Add(await ImportRowAsync(row, programs, file.Name, turn.UserId!, cancellationToken).ConfigureAwait(false));
        }

        var report = new ImportReport(file.Name, results);
        for (var part = 0; part < ImportReportCard.CardCount(report); part++)
        {
            turn.Reply(ImportReportCard.Create(report, part));
        }
    }

    private async Task<ImportRowResult> ImportRowAsync(PairCsvRow row, IReadOnlyList<MentorshipProgram> programs, string fileName, string coordinatorId,
        CancellationToken cancellationToken)
    {
        ImportRowResult Skipped(string reason) => new(row.Line, row.Mentor, row.Mentee, ImportOutcome.Skipped, reason);

        if (row.Problem is not null)
        {
            return Skipped(row.Problem);
        }

        var program = ProgramOf(row, programs);
        if (program is null)
        {
            return Skipped(row.Program is null
                ? "the program column is empty; say which program the pair is in"
                : $"there is no program \"{row.Program}\" (programs: {string.Join(", ", programs.Select(p => p.Name))})");
        }

        var result = await _registration.RegisterAsync(
            new RegistrationRequest(program, row.Mentor, row.Mentee, row.Cohort, row.Start, row.End, row.Focus, coordinatorId), cancellationToken).ConfigureAwait(false);
        if (result.Pair is { } pair && result.Created)
        {
            await _ledger.RecordAsync(program.TenantId, program.ProgramId, row, pair.PairId, fileName, coordinatorId, _time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            return new ImportRowResult(row.Line, pair.Mentor.Name, pair.Mentee.Name, ImportOutcome.Created, null);
        }

        // Refused: if an earlier import created this very pair and it is still running, that is what the coordinator needs to hear.
        if (await _ledger.FindAsync(program.TenantId, program.ProgramId, row, cancellationToken).ConfigureAwait(false) is { } earlier
            && await _pairs.GetAsync(program.TenantId, program.ProgramId, earlier.PairId, cancellationToken).ConfigureAwait(false) is { Pair: { IsClosed: false } existing })
        {
            return new ImportRowResult(row.Line, existing.Mentor.Name, existing.Mentee.Name, ImportOutcome.AlreadyRegistered,
                $"imported {earlier.ImportedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        return Skipped(result.Problem ?? "the registration was refused");
    }

    private static MentorshipProgram? ProgramOf(PairCsvRow row, IReadOnlyList<MentorshipProgram> programs)
    {
        if (row.Program is not { } wanted)
        {
            return programs.Count == 1 ? programs[0] : null;
        }

        return programs.FirstOrDefault(p => string.Equals(p.ProgramId, wanted, StringComparison.OrdinalIgnoreCase))
            ?? programs.FirstOrDefault(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase))
            ?? programs.FirstOrDefault(p => p.ProgramId == ProgramIds.FromName(wanted));
    }
}
