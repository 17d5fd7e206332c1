using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Conversations;

/// <summary>
/// The one way a service hands on work that reaches other people (an alert, a notice, a card in another chat): while
/// a turn is being handled it runs after that turn's answer, from the turn's saved row; anywhere else (a job) it runs
/// at once. Either way it is a job (named, safe to run again) and a failure becomes a stored job that is retried.
/// </summary>
public sealed class FollowUps
{
    private readonly JobRunner _jobs;

    public FollowUps(JobRunner jobs)
    {
        _jobs = jobs;
    }

    public Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (TurnScope.Current is { } turn)
        {
            turn.RunAfter(job);
            return Task.CompletedTask;
        }

        return _jobs.RunNowAsync(job, cancellationToken);
    }
}
