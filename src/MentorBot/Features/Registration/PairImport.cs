using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Registration;

/// <summary>
/// A pairs CSV sent to the bot in a personal chat, by a coordinator: checked before anything is downloaded, read,
/// answered at once, and registered row by row in the background by <see cref="PairImportJob"/> (one pair per good row,
/// nothing from a bad row, nothing twice), which sends the per-row report. Which program: the row's "program" column (name or id), or the
/// tenant's only program.
/// </summary>
public sealed class PairImport : IAttachmentHandler
{
    private readonly FileDownloader _downloader;
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public PairImport(FileDownloader downloader, JobStore jobs, TimeProvider time)
    {
        _downloader = downloader;
        _jobs = jobs;
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

        // The rows are registered by a job (seconds for hundreds of rows): the coordinator is answered now, the report follows.
        var messageKey = turn.ConversationId + "|" + (turn.Activity.Id ?? Guid.NewGuid().ToString("N"));
        await _jobs.ScheduleAsync(PairImportJob.For(turn.TenantId!, turn.UserId!, turn.Activity.ServiceUrl ?? "", file, programs.Select(p => p.ProgramId),
            messageKey, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        var rows = csv.Rows.Count == 1 ? "1 row" : $"{csv.Rows.Count} rows";
        turn.Reply($"Importing {rows} from \"{file.Name}\"… I'll send the report here when it's done.");
    }
}
