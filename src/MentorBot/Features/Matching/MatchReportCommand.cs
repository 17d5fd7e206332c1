using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>"report matching": the matching criteria's outcomes and learned weights for the program (coordinators only).</summary>
public sealed class MatchReportCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly ProgramMatchWeights _weights;

    public MatchReportCommand(ProgramStore programs, ProgramMatchWeights weights)
    {
        _programs = programs;
        _weights = weights;
    }

    public CommandInfo Info { get; } = new("report matching", "Shows how each matching criterion did in this program and the weight it now has (coordinators only).",
        CommandScopes.Channel, "report matching") { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var program = ProgramSubject.ProgramOf(turn);

        turn.Reply(MatchLearningCard.Create(program.Name, await _weights.EvidenceAsync(program, cancellationToken).ConfigureAwait(false)));
    }
}
