using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// When a pair starts: the expectations questions go to each party's personal chat, and the reminders and the
/// overdue check are scheduled. Runs in the pair-start job, so everything here is safe to run again.
/// </summary>
public sealed class ExpectationsOnPairStart : IPairStartHandler
{
    private readonly ExpectationsStarter _starter;
    private readonly JobRunner _jobs;
    private readonly TimeProvider _time;

    public ExpectationsOnPairStart(ExpectationsStarter starter, JobRunner jobs, TimeProvider time)
    {
        _starter = starter;
        _jobs = jobs;
        _time = time;
    }

    public async Task OnPairStartedAsync(Pair pair, MentorshipProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(program);
        if (pair.IsClosed || pair.Stage > PairStage.Expectations)
        {
            return;
        }

        // Scheduled first: a job already scheduled keeps its time, so a re-run does not push the reminders back.
        var now = _time.GetUtcNow();
        foreach (var day in program.Settings.ExpectationsReminderDays.Where(d => d > 0).Distinct())
        {
            await _jobs.ScheduleAsync(ExpectationsJobs.Reminder(pair, day, now), cancellationToken).ConfigureAwait(false);
        }

        await _jobs.ScheduleAsync(ExpectationsJobs.Overdue(pair, program.Settings.ExpectationsOverdueDays, now), cancellationToken).ConfigureAwait(false);

        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            await _starter.StartAsync(pair, role, ExpectationsJobs.StartMessageKey(pair, role), leadText: null, program.Channel.ServiceUrl, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
