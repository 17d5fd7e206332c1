using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Meetings;

/// <summary>
/// When a pair starts, its mentor's calendar is scanned at once (reading the new pair's history); that scan starts
/// the half-hourly chain, or joins the one already running for the mentor's other pairs.
/// </summary>
public sealed class ScanOnPairStart : IPairStartHandler
{
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public ScanOnPairStart(JobStore jobs, TimeProvider time)
    {
        _jobs = jobs;
        _time = time;
    }

    public Task OnPairStartedAsync(Pair pair, MentorshipProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return _jobs.ScheduleAsync(MeetingJobs.Scan(pair.TenantId, pair.Mentor.Id, $"start/{pair.PairId}", _time.GetUtcNow()), cancellationToken);
    }
}
