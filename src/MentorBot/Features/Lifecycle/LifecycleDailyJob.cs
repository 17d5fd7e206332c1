using MentorBot.Features.Meetings;
using MentorBot.Features.PairHealth;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Lifecycle;

/// <summary>
/// Once a day per pair, until it closes: moves the stage when its day has come (with the ETag) and sends that
/// stage's redesign card once; runs the midpoint (reflections, reminder, alert); asks "end or continue?" when
/// health declines after the midpoint (once per episode) and at the planned end. Never closes a pair by itself.
/// </summary>
public sealed class LifecycleDailyJob : IJobHandler
{
    public const string JobKind = "lifecycle.daily";
    private const string HealthEpisodeRow = "eoc/health-episode";

    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly MeetingStore _meetings;
    private readonly LifecycleStore _store;
    private readonly PairMessages _messages;
    private readonly MidpointCoordinator _midpoint;
    private readonly EndOrContinueAsker _endOrContinue;
    private readonly PairHealthAssessor _health;
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;
    private readonly LifecycleSettings _settings;

    public LifecycleDailyJob(PairStore pairs, ProgramStore programs, MeetingStore meetings, LifecycleStore store, PairMessages messages,
        MidpointCoordinator midpoint, EndOrContinueAsker endOrContinue, PairHealthAssessor health, JobStore jobs, TimeProvider time, LifecycleSettings settings)
    {
        _pairs = pairs;
        _programs = programs;
        _meetings = meetings;
        _store = store;
        _messages = messages;
        _midpoint = midpoint;
        _endOrContinue = endOrContinue;
        _health = health;
        _jobs = jobs;
        _time = time;
        _settings = settings;
    }

    public string Kind => JobKind;

    public static Job For(Pair pair, DateTimeOffset dueAt) => PairJobs.Daily(JobKind, pair, dueAt);

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        if (await PairJobs.LoadOpenAsync(job, _pairs, _programs, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return;
        }

        await _jobs.ScheduleAsync(For(entry.Pair, job.DueAt.AddDays(1)), cancellationToken).ConfigureAwait(false);
        var pair = entry.Pair;
        var program = entry.Program;
        if (pair.Stage < PairStage.Initial)
        {
            return;
        }

        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var held = (await _meetings.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false))
            .Count(m => m.Counts && m.End <= _time.GetUtcNow());
        var due = LifecyclePhases.Due(pair, today, held, _settings);
        if (due != pair.Stage)
        {
            pair = pair with { Stage = due };
            await _pairs.UpdateAsync(pair, entry.ETag, cancellationToken).ConfigureAwait(false);
        }

        // Sent once per pair and stage (the key); sending again after a crash between the update and the send is harmless.
        if (pair.Stage is PairStage.Working or PairStage.Transition)
        {
            var card = pair.Stage == PairStage.Working ? RedesignCard.Working(pair) : RedesignCard.Transition(pair);
            await _messages.SendToPairAsync(pair, program, $"lifecycle/{pair.PairId}/stage/{pair.Stage}", card, cancellationToken).ConfigureAwait(false);
            await _messages.AskMentorWhatTheyLearnAsync(pair, program, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        await MidpointAsync(pair, program, today, cancellationToken).ConfigureAwait(false);
        await EndOrContinueAsync(pair, program, today, cancellationToken).ConfigureAwait(false);
    }

    private async Task MidpointAsync(Pair pair, MentorshipProgram program, DateOnly today, CancellationToken cancellationToken)
    {
        var midpoint = LifecyclePhases.Midpoint(pair);
        if (today < midpoint)
        {
            return;
        }

        await _midpoint.StartAsync(pair, program, cancellationToken).ConfigureAwait(false);
        if (today >= midpoint.AddDays(_settings.MidpointAlertDays))
        {
            await _midpoint.AlertIfCompleteAsync(pair, timedOut: true, cancellationToken).ConfigureAwait(false);
        }
        else if (today >= midpoint.AddDays(_settings.MidpointReminderDays))
        {
            await _midpoint.RemindAsync(pair, program, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EndOrContinueAsync(Pair pair, MentorshipProgram program, DateOnly today, CancellationToken cancellationToken)
    {
        if (today >= pair.PlannedEnd)
        {
            // Once per planned end: a new end date set by a coordinator is asked about again when it comes.
            if (await _store.TryAddAsync(pair.TenantId, pair.PairId, $"eoc/planned-end/{pair.PlannedEnd:yyyyMMdd}", true, cancellationToken).ConfigureAwait(false))
            {
                await _endOrContinue.AskAsync(pair, program, "planned-end", cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // After the midpoint conversation had its time, declining health asks the question once per episode.
        if (today < LifecyclePhases.Midpoint(pair).AddDays(_settings.MidpointAlertDays))
        {
            return;
        }

        var health = await _health.AssessAsync(pair, program, cancellationToken).ConfigureAwait(false);
        var declining = health.Level is HealthLevel.AtRisk or HealthLevel.NeedsAttention;
        var episode = await _store.GetAsync<bool>(pair.TenantId, pair.PairId, HealthEpisodeRow, cancellationToken).ConfigureAwait(false);
        if (declining && episode is not { Value: true })
        {
            if (episode is { } open)
            {
                await _store.UpdateAsync(pair.TenantId, pair.PairId, HealthEpisodeRow, true, open.ETag, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _store.TryAddAsync(pair.TenantId, pair.PairId, HealthEpisodeRow, true, cancellationToken).ConfigureAwait(false);
            }

            await _endOrContinue.AskAsync(pair, program, "health", cancellationToken).ConfigureAwait(false);
        }
        else if (!declining && episode is { Value: true } ended)
        {
            await _store.UpdateAsync(pair.TenantId, pair.PairId, HealthEpisodeRow, false, ended.ETag, cancellationToken).ConfigureAwait(false);
        }
    }
}
