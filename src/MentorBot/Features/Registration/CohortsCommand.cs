using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>"cohorts" in a coordinators channel: the program's cohorts and their features.</summary>
public sealed class CohortsCommand : ICommand
{
    private readonly CoordinatorGuard _guard;
    private readonly ProgramStore _programs;
    private readonly CohortStore _cohorts;

    public CohortsCommand(CoordinatorGuard guard, ProgramStore programs, CohortStore cohorts)
    {
        _guard = guard;
        _programs = programs;
        _cohorts = cohorts;
    }

    public CommandInfo Info { get; } = new("cohorts", "Lists this program's cohorts (coordinators only).", CommandScopes.Channel);

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!await _guard.AllowAsync(turn, cancellationToken).ConfigureAwait(false)
            || await ChannelPrograms.FindAsync(_programs, turn, cancellationToken).ConfigureAwait(false) is not { } program)
        {
            return;
        }

        var cohorts = await _cohorts.ListAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false);
        if (cohorts.Count == 0)
        {
            turn.Reply($"{program.Name} has no cohorts yet. Type \"cohort\" to create one.");
            return;
        }

        turn.Reply(CohortCard.List(program, cohorts));
    }
}
