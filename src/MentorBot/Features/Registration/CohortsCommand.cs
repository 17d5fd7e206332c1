using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>"cohorts" in a coordinators channel: the program's cohorts and their features.</summary>
public sealed class CohortsCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly CohortStore _cohorts;

    public CohortsCommand(ProgramStore programs, CohortStore cohorts)
    {
        _programs = programs;
        _cohorts = cohorts;
    }

    public CommandInfo Info { get; } = new("cohorts", "Lists this program's cohorts (coordinators only).", CommandScopes.Channel) { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var program = ProgramSubject.ProgramOf(turn);

        var cohorts = await _cohorts.ListAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false);
        if (cohorts.Count == 0)
        {
            turn.Reply($"{program.Name} has no cohorts yet. Type \"cohort\" to create one.");
            return;
        }

        turn.Reply(CohortCard.List(program, cohorts));
    }
}
