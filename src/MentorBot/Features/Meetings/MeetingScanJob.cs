using System.Globalization;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.Logging;

namespace MentorBot.Features.Meetings;

/// <summary>
/// Scans one mentor's calendar for the meetings of all their active pairs, then schedules the next scan; stops
/// when the mentor has no active pair left. The next slot is scheduled before reading, so a scan that fails (Graph
/// still throttling after the SDK's retries) is retried by the job runner while the half-hourly chain goes on.
/// </summary>
public sealed partial class MeetingScanJob : IJobHandler
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly MeetingStore _meetings;
    private readonly CalendarSyncStore _sync;
    private readonly CalendarReader _reader;
    private readonly SeriesMasterCache _masters;
    private readonly UnreadableMailboxNotice _unreadableNotice;
    // The job store, not the runner: the runner is built from every job handler, this one included.
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;
    private readonly ILogger<MeetingScanJob> _logger;

    public MeetingScanJob(PairStore pairs, ProgramStore programs, MeetingStore meetings, CalendarSyncStore sync, CalendarReader reader,
        SeriesMasterCache masters, UnreadableMailboxNotice unreadableNotice, JobStore jobs, TimeProvider time, ILogger<MeetingScanJob> logger)
    {
        _masters = masters;
        _unreadableNotice = unreadableNotice;
        _pairs = pairs;
        _programs = programs;
        _meetings = meetings;
        _sync = sync;
        _reader = reader;
        _jobs = jobs;
        _time = time;
        _logger = logger;
    }

    public string Kind => MeetingJobs.ScanKind;

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var tenantId = job.Get(MeetingJobs.TenantData)!;
        var mentorId = job.Get(MeetingJobs.MentorData)!;
        var pairs = await ActivePairsAsync(tenantId, mentorId, cancellationToken).ConfigureAwait(false);
        if (pairs.Count == 0)
        {
            LogStopped(mentorId);
            return;
        }

        var now = _time.GetUtcNow();
        var next = ScanSchedule.NextSlot(mentorId, now);
        await _jobs.ScheduleAsync(MeetingJobs.Scan(tenantId, mentorId, ScanSchedule.SlotKey(next), next), cancellationToken).ConfigureAwait(false);

        var owner = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        if (await _sync.TryLeaseAsync(tenantId, mentorId, owner, now, now + CalendarScan.Lease, cancellationToken).ConfigureAwait(false) is not { } lease)
        {
            LogBusy(mentorId);
            return;
        }

        var discovery = new MeetingDiscovery(_meetings, _jobs, pairs, now);
        var series = new SeriesResolution(_reader, _masters, mentorId, discovery.Follows);
        var scan = new CalendarScan(_sync, _reader, discovery, series, _time, lease.State, lease.ETag);
        await scan.RunAsync(pairs.Select(p => p.Pair).ToList(), now, cancellationToken).ConfigureAwait(false);
        if (scan.Unreadable is { } problem)
        {
            LogUnreadable(mentorId, problem);
            await _unreadableNotice.TellAsync(pairs, problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!scan.WaitedForUnreadable)
        {
            LogScanned(mentorId, pairs.Count, scan.WasFullSync, discovery.Events, series.EventsFetched, discovery.Found, discovery.Changed, discovery.Cancelled);
        }
    }

    /// <summary>The pairs this person mentors that have started and are not closed, with their programs.</summary>
    private async Task<IReadOnlyList<(Pair Pair, MentorshipProgram Program)>> ActivePairsAsync(string tenantId, string mentorId, CancellationToken cancellationToken)
    {
        var active = new List<(Pair, MentorshipProgram)>();
        var programs = new Dictionary<string, MentorshipProgram?>(StringComparer.Ordinal);
        foreach (var pair in await _pairs.ForPersonAsync(tenantId, mentorId, cancellationToken).ConfigureAwait(false))
        {
            if (pair.RoleOf(mentorId) != PairRole.Mentor || pair.IsClosed || pair.Stage == PairStage.Created)
            {
                continue;
            }

            if (!programs.TryGetValue(pair.ProgramId, out var program))
            {
                program = (await _programs.GetAsync(tenantId, pair.ProgramId, cancellationToken).ConfigureAwait(false))?.Program;
                programs[pair.ProgramId] = program;
            }

            if (program is not null)
            {
                active.Add((pair, program));
            }
        }

        return active;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Calendar of mentor {MentorId} scanned for {Pairs} pairs (full sync: {Full}): {Events} events, {Fetched} read one by one, {Found} new meetings, {Changed} changed, {Cancelled} cancelled")]
    private partial void LogScanned(string mentorId, int pairs, bool full, int events, int fetched, int found, int changed, int cancelled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar of mentor {MentorId} cannot be read ({Problem}); coordinators are told, and it is tried again later")]
    private partial void LogUnreadable(string mentorId, MailboxProblem problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar of mentor {MentorId} is being scanned by another job; this slot leaves it to that one")]
    private partial void LogBusy(string mentorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mentor {MentorId} has no active pair: calendar scans stop")]
    private partial void LogStopped(string mentorId);
}
