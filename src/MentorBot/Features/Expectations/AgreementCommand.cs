using MentorBot.Conversations;

namespace MentorBot.Features.Expectations;

/// <summary>"agreement": the current expectations agreement of the sender's pair, or where it stands if there is none yet.</summary>
public sealed class AgreementCommand : ICommand
{
    private readonly PairOfSender _pairOfSender;
    private readonly AgreementStore _agreements;
    private readonly ExpectationsStore _answers;

    public AgreementCommand(PairOfSender pairOfSender, AgreementStore agreements, ExpectationsStore answers)
    {
        _pairOfSender = pairOfSender;
        _agreements = agreements;
        _answers = answers;
    }

    public CommandInfo Info { get; } = new("agreement", "Shows the expectations agreement you and your mentor or mentee made.",
        CommandScopes.Personal | CommandScopes.GroupChat, "agreement [name of your mentor or mentee]");

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await _pairOfSender.FindAsync(turn, arguments, Info.Name, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        var (pair, role) = found;
        var key = PairKey.Of(pair);
        if (await _agreements.CurrentAsync(key, cancellationToken).ConfigureAwait(false) is { } current)
        {
            turn.Reply(AgreementCard.Create(current.Agreement, isCurrent: true));
            return;
        }

        var partner = pair.PartnerOf(role).Name;
        if (await _answers.GetAsync(key, role, cancellationToken).ConfigureAwait(false) is null)
        {
            turn.Reply($"There's no agreement yet: you haven't answered the expectations questions for your mentorship with {partner}. "
                + $"Type \"{ReviseCommand.StartAlias}\" in our personal chat to answer them.");
        }
        else
        {
            turn.Reply($"There's no agreement yet: your answers are saved, and {partner} hasn't finished theirs. You'll both get the agreement as soon as they have.");
        }
    }
}
