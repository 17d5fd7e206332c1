using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Lifecycle;

/// <summary>Starts the daily lifecycle check when a pair starts; it does nothing until the pair has reached Initial.</summary>
public sealed class LifecycleOnPairStart : IPairStartHandler
{
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public LifecycleOnPairStart(JobStore jobs, TimeProvider time)
    {
        _jobs = jobs;
        _time = time;
    }

    public Task OnPairStartedAsync(Pair pair, MentorshipProgram program, CancellationToken cancellationToken) =>
        _jobs.ScheduleAsync(LifecycleDailyJob.For(pair, _time.GetUtcNow().AddDays(1)), cancellationToken);
}
