using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.MentorCohorts;

/// <summary>
/// "cohort channel &lt;cohort&gt;" in a channel of a team where the bot is installed (coordinators only): makes this
/// channel the cohort's mentor peer channel and starts its monthly cycle.
/// </summary>
public sealed class CohortChannelCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly CohortStore _cohorts;
    private readonly CohortChannelStore _channels;
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public CohortChannelCommand(ProgramStore programs, CohortStore cohorts, CohortChannelStore channels, JobStore jobs, TimeProvider time)
    {
        _programs = programs;
        _cohorts = cohorts;
        _channels = channels;
        _jobs = jobs;
        _time = time;
    }

    public CommandInfo Info { get; } = new("cohort channel", "Makes this channel the mentor peer channel of a cohort (coordinators only).",
        CommandScopes.Channel, "cohort channel <cohort> [program]") { Audience = Audience.CoordinatorOfAnyProgram };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(arguments);
        var tenant = turn.TenantId!;

        var name = arguments.Trim();
        var matches = new List<(MentorshipProgram Program, Cohort Cohort)>();
        foreach (var program in ProgramSubject.ProgramsOf(turn))
        {
            matches.AddRange((await _cohorts.ListAsync(tenant, program.ProgramId, cancellationToken).ConfigureAwait(false))
                .Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(c.CohortId, name, StringComparison.OrdinalIgnoreCase))
                .Select(c => (program, c)));
        }

        if (matches.Count != 1)
        {
            turn.Reply(matches.Count == 0
                ? $"I found no cohort called \"{name}\". Usage: cohort channel <cohort>."
                : $"More than one program has a cohort called \"{name}\"; use the cohort's id instead.");
            return;
        }

        var (found, cohort) = matches[0];
        var channelId = turn.Activity.ChannelData?.Channel?.Id ?? turn.ConversationId.Split(';')[0];
        var now = _time.GetUtcNow();
        await _channels.SaveAsync(new CohortChannel
        {
            TenantId = tenant,
            ProgramId = found.ProgramId,
            CohortId = cohort.CohortId,
            CohortName = cohort.Name,
            ServiceUrl = turn.Activity.ServiceUrl ?? ProactiveMessenger.DefaultServiceUrl,
            ChannelId = channelId,
            RegisteredBy = turn.UserId,
            RegisteredAt = now,
        }, cancellationToken).ConfigureAwait(false);

        // This month's cycle starts now; each month's job schedules the next. A job key per month means re-registering
        // never runs a month twice.
        await _jobs.ScheduleAsync(MonthlyCycleJob.For(tenant, found.ProgramId, cohort.CohortId, now), cancellationToken).ConfigureAwait(false);
        turn.Reply($"This channel is now the mentor peer channel of {cohort.Name}. Each month I'll post a peer-cohort reminder and a digest of " +
            "what mentors chose to share anonymously, and send each mentor a short accountability card.");
    }
}
