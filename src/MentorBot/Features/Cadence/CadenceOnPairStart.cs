using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Cadence;

/// <summary>Starts the daily cadence check when a pair starts; it does nothing until the pair has confirmed an agreement.</summary>
public sealed class CadenceOnPairStart : IPairStartHandler
{
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public CadenceOnPairStart(JobStore jobs, TimeProvider time)
    {
        _jobs = jobs;
        _time = time;
    }

    public Task OnPairStartedAsync(Pair pair, MentorshipProgram program, CancellationToken cancellationToken) =>
        _jobs.ScheduleAsync(CadenceWatchJob.For(pair, _time.GetUtcNow().AddDays(1)), cancellationToken);
}
