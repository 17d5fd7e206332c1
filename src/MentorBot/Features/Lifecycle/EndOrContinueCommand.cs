using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Lifecycle;

/// <summary>
/// "end or continue" in personal chat or the pair chat: both parties are asked privately in personal chat. In the
/// pair chat the reply says only that the question went out privately.
/// </summary>
public sealed class EndOrContinueCommand : ICommand
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly EndOrContinueAsker _asker;

    public EndOrContinueCommand(PairStore pairs, ProgramStore programs, EndOrContinueAsker asker)
    {
        _pairs = pairs;
        _programs = programs;
        _asker = asker;
    }

    public CommandInfo Info { get; } = new("end or continue",
        "Ask, privately for each of you, whether your mentoring relationship should conclude or continue.",
        CommandScopes.Personal | CommandScopes.GroupChat) { InterruptsDialogs = true };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.UserId is not { } userId || turn.TenantId is not { } tenantId)
        {
            turn.Reply("I can't tell who you are in this chat.");
            return;
        }

        var pairs = (await _pairs.ForPersonAsync(tenantId, userId, cancellationToken).ConfigureAwait(false))
            .Where(p => !p.IsClosed && p.Stage >= PairStage.Initial && p.RoleOf(userId) is not null
                && (turn.IsPersonal || p.PairChatConversationId == turn.ConversationId))
            .ToList();
        if (pairs.Count == 0)
        {
            turn.Reply("There is no active mentoring pairing to ask about here.");
            return;
        }

        // One personal dialog at a time: with several pairs, the first is asked; the others can ask again later.
        var pair = pairs[0];
        if (await _programs.GetAsync(tenantId, pair.ProgramId, cancellationToken).ConfigureAwait(false) is not { } program)
        {
            return;
        }

        var asked = await _asker.AskAsync(pair, program.Program, "asked", cancellationToken).ConfigureAwait(false);
        turn.Reply(asked
            ? "I've asked you both privately, in your personal chats with me. Neither of you will see the other's answer."
            : "The question is already open in your personal chats with me. Neither of you will see the other's answer.");
    }
}
