using MentorBot.Conversations;

namespace MentorBot.Features.Expectations;

/// <summary>
/// "revise" (or "expectations"): asks the sender the expectations questions again, with their previous answers as
/// defaults. Finishing makes a new version of the agreement that both confirm again.
/// </summary>
public sealed class ReviseCommand : ICommand
{
    public const string StartAlias = "expectations";

    private readonly PairOfSender _pairOfSender;
    private readonly ExpectationsStarter _starter;

    public ReviseCommand(PairOfSender pairOfSender, ExpectationsStarter starter)
    {
        _pairOfSender = pairOfSender;
        _starter = starter;
    }

    public CommandInfo Info { get; } = new("revise", "Answers the expectations questions again (your previous answers are kept as defaults); you both confirm the new agreement.",
        CommandScopes.Personal | CommandScopes.GroupChat, "revise [name of your mentor or mentee]")
    {
        Aliases = [StartAlias],
    };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await _pairOfSender.FindAsync(turn, arguments, Info.Name, cancellationToken).ConfigureAwait(false) is { } found)
        {
            await _starter.BeginRevisionAsync(turn, found.Pair, found.Role, cancellationToken).ConfigureAwait(false);
        }
    }
}
