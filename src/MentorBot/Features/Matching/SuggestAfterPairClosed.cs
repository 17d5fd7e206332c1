using MentorBot.Features.Closure;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Matching;

/// <summary>
/// When a pair ends for a rematch or early, the mentee will need a next mentor: the suggestions are prepared as a
/// background job (once per pair, by its key), so a slow directory or storage never holds up the closure itself.
/// </summary>
public sealed class SuggestAfterPairClosed : IPairClosedHandler
{
    private readonly JobRunner _jobs;
    private readonly TimeProvider _time;

    public SuggestAfterPairClosed(JobRunner jobs, TimeProvider time)
    {
        _jobs = jobs;
        _time = time;
    }

    public Task OnPairClosedAsync(Pair pair, MentorshipProgram program, ClosureReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (reason is not (ClosureReason.Rematched or ClosureReason.ConcludedEarly))
        {
            return Task.CompletedTask;
        }

        return _jobs.ScheduleAsync(new Job(SuggestionJob.JobKind, pair.PairId, _time.GetUtcNow())
        {
            Data = PairJobs.Data(pair),
        }, cancellationToken);
    }
}
