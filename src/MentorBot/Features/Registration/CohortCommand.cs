using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>"cohort [name]" in a coordinators channel: the form for a new cohort of that channel's program.</summary>
public sealed class CohortCommand : ICommand
{
    private readonly ProgramStore _programs;

    public CohortCommand(ProgramStore programs)
    {
        _programs = programs;
    }

    public CommandInfo Info { get; } = new("cohort", "Creates a cohort of this program: dates, mentor training, matching criteria (coordinators only).",
        CommandScopes.Channel, "cohort [name]") { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var program = ProgramSubject.ProgramOf(turn);

        turn.Reply(CohortCard.Form(program, arguments.Length == 0 ? null : arguments));
    }
}
