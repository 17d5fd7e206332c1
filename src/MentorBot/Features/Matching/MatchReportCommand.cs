using MentorBot.Conversations;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>"report matching": the matching criteria's outcomes and learned weights for the program (coordinators only).</summary>
public sealed class MatchReportCommand : ICommand
{
    private readonly CoordinatorGuard _guard;
    private readonly ProgramStore _programs;
    private readonly ProgramMatchWeights _weights;

    public MatchReportCommand(CoordinatorGuard guard, ProgramStore programs, ProgramMatchWeights weights)
    {
        _guard = guard;
        _programs = programs;
        _weights = weights;
    }

    public CommandInfo Info { get; } = new("report matching", "Shows how each matching criterion did in this program and the weight it now has (coordinators only).",
        CommandScopes.Channel, "report matching");

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!await _guard.AllowAsync(turn, cancellationToken).ConfigureAwait(false)
            || await ChannelPrograms.FindAsync(_programs, turn, cancellationToken).ConfigureAwait(false) is not { } program)
        {
            return;
        }

        turn.Reply(MatchLearningCard.Create(program.Name, await _weights.EvidenceAsync(program, cancellationToken).ConfigureAwait(false)));
    }
}
