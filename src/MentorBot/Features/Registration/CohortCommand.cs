using MentorBot.Conversations;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>"cohort [name]" in a coordinators channel: the form for a new cohort of that channel's program.</summary>
public sealed class CohortCommand : ICommand
{
    private readonly CoordinatorGuard _guard;
    private readonly ProgramStore _programs;

    public CohortCommand(CoordinatorGuard guard, ProgramStore programs)
    {
        _guard = guard;
        _programs = programs;
    }

    public CommandInfo Info { get; } = new("cohort", "Creates a cohort of this program: dates, mentor training, matching criteria (coordinators only).",
        CommandScopes.Channel, "cohort [name]");

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!await _guard.AllowAsync(turn, cancellationToken).ConfigureAwait(false)
            || await ChannelPrograms.FindAsync(_programs, turn, cancellationToken).ConfigureAwait(false) is not { } program)
        {
            return;
        }

        turn.Reply(CohortCard.Form(program, arguments.Length == 0 ? null : arguments));
    }
}
