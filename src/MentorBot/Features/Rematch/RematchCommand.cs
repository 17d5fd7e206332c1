using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// "rematch" starts the private request in personal chat; "rematch withdraw" withdraws an open one. Anywhere
/// else the bot only suggests talking privately, and says nothing about rematches where a partner could read it.
/// </summary>
public sealed class RematchCommand : ICommand
{
    /// <summary>The whole answer in a group chat: it must not mention rematches, the person or any reason.</summary>
    public const string TalkPrivately = "Let's talk privately. Send me a message in our personal chat (MentorBot in your chat list).";

    private readonly PairStore _pairs;
    private readonly RematchRequestStore _requests;
    private readonly RematchWithdrawal _withdrawal;
    private readonly DialogEngine _dialogs;

    public RematchCommand(PairStore pairs, RematchRequestStore requests, RematchWithdrawal withdrawal, DialogEngine dialogs)
    {
        _pairs = pairs;
        _requests = requests;
        _withdrawal = withdrawal;
        _dialogs = dialogs;
    }

    public CommandInfo Info { get; } = new("rematch",
        "Ask your program coordinator privately for a different match. Mentors and mentees alike can ask; your partner is never told who asked.",
        CommandScopes.Personal | CommandScopes.GroupChat, "rematch (or \"rematch withdraw\")") { InterruptsDialogs = true };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!turn.IsPersonal)
        {
            turn.Reply(TalkPrivately);
            return;
        }

        if (turn.UserId is not { } userId || turn.TenantId is not { } tenantId)
        {
            turn.Reply("I can't tell who you are in this chat, so I can't take a request here.");
            return;
        }

        if (string.Equals(arguments, "withdraw", StringComparison.OrdinalIgnoreCase))
        {
            await _withdrawal.WithdrawByCommandAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var active = (await _pairs.ForPersonAsync(tenantId, userId, cancellationToken).ConfigureAwait(false))
            .Where(p => !p.IsClosed && p.RoleOf(userId) is not null)
            .ToList();
        if (active.Count == 0)
        {
            turn.Reply("You're not in an active mentoring pairing right now, so there is nothing to rematch. If something is wrong, your program coordinator can help.");
            return;
        }

        var choices = new List<RematchPairChoice>();
        foreach (var pair in active)
        {
            var requests = await _requests.ForPairAsync(tenantId, pair.PairId, cancellationToken).ConfigureAwait(false);
            if (!requests.Any(r => r.IsOpen && string.Equals(r.RequesterId, userId, StringComparison.OrdinalIgnoreCase)))
            {
                var partnerRole = pair.RoleOf(userId) == PairRole.Mentor ? PairRole.Mentee : PairRole.Mentor;
                choices.Add(new RematchPairChoice(pair.ProgramId, pair.PairId,
                    $"{pair.Party(partnerRole).Name}, your {partnerRole.ToString().ToLowerInvariant()}"));
            }
        }

        if (choices.Count == 0)
        {
            turn.Reply(RematchSubmission.AlreadyWithCoordinator);
            return;
        }

        turn.Reply("Mentors and mentees alike can ask for a different match; it happens in every program and is nobody's fault. "
            + "This stays between you and your program coordinators: your partner will not be told who asked.");
        await _dialogs.BeginAsync(turn, RematchRequestDialog.DialogId, new Dictionary<string, string>
        {
            [RematchPairChoice.OptionKey] = RematchPairChoice.Serialize(choices),
        }, cancellationToken).ConfigureAwait(false);
    }
}
