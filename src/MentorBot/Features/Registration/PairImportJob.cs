using System.Globalization;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Registration;

/// <summary>
/// The rows of a pairs CSV, registered in the background after the coordinator was answered, and the report sent
/// to their personal chat when done. Safe to run again after a crash: a row whose pair exists is not imported twice
/// (the registration refuses a duplicate and the import ledger names the earlier import), and the report is sent once
/// per import.
/// </summary>
public sealed class PairImportJob : IJobHandler
{
    public const string JobKind = "pair-import";

    private readonly ProgramStore _programs;
    private readonly PairStore _pairs;
    private readonly PairRegistration _registration;
    private readonly FileDownloader _downloader;
    private readonly ImportLedger _ledger;
    private readonly ProactiveMessenger _messenger;
    private readonly TimeProvider _time;

    public PairImportJob(ProgramStore programs, PairStore pairs, PairRegistration registration, FileDownloader downloader,
        ImportLedger ledger, ProactiveMessenger messenger, TimeProvider time)
    {
        _programs = programs;
        _pairs = pairs;
        _registration = registration;
        _downloader = downloader;
        _ledger = ledger;
        _messenger = messenger;
        _time = time;
    }

    public string Kind => JobKind;

    /// <summary>The job for one file message; the activity id keeps a redelivered message from importing twice.</summary>
    public static Job For(string tenantId, string coordinatorId, string serviceUrl, TeamsFile file, IEnumerable<string> programIds, string messageKey, DateTimeOffset now) =>
        new(JobKind, messageKey, now)
        {
            Data = new Dictionary<string, string>
            {
                ["tenant"] = tenantId,
                ["coordinator"] = coordinatorId,
                ["serviceUrl"] = serviceUrl,
                ["file"] = file.Name,
                ["url"] = file.DownloadUrl?.ToString() ?? "",
                ["programs"] = string.Join('\n', programIds),
            },
        };

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        var tenantId = job.Get("tenant")!;
        var coordinatorId = job.Get("coordinator")!;
        var fileName = job.Get("file") ?? "pairs.csv";
        var programs = new List<MentorshipProgram>();
        foreach (var id in (job.Get("programs") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // The programs the router admitted the sender's turn for (ProgramSubject), loaded fresh from storage.
            if (await _programs.GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false) is { Program: var program })
            {
                programs.Add(program);
            }
        }

        var (content, problem) = await _downloader.DownloadAsync(Uri.TryCreate(job.Get("url"), UriKind.Absolute, out var url) ? url : null, cancellationToken)
            .ConfigureAwait(false);
        var csv = content is null ? null : PairCsv.Parse(content);
        var replies = new List<Protocol.Schema.Activity>();
        if (csv is null || csv.Problem is not null)
        {
            // Only when the link expired before a resumed job read it again: what was imported stays, nothing is doubled.
            replies.Add(Protocol.Schema.Activity.CreateMessage(
                $"I couldn't read \"{fileName}\" again to finish the import ({problem ?? csv?.Problem}). Pairs already registered from it stay; " +
                "send the file again and I'll register the rest (none twice)."));
        }
        else
        {
            var results = new List<ImportRowResult>(csv.Rows.Count);
            foreach (var row in csv.Rows)
            {
                results.Add(await ImportRowAsync(row, programs, fileName, coordinatorId, cancellationToken).ConfigureAwait(false));
            }

            var report = new ImportReport(fileName, results);
            for (var part = 0; part < ImportReportCard.CardCount(report); part++)
            {
                replies.Add(Cards.CardJson.ToMessage(ImportReportCard.Create(report, part)));
            }
        }

        for (var part = 0; part < replies.Count; part++)
        {
            await _messenger.SendToPersonAsync(tenantId, coordinatorId, $"import/{job.Key}/report/{part.ToString(CultureInfo.InvariantCulture)}", replies[part],
                job.Get("serviceUrl"), cancellationToken).ConfigureAwait(false);
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
