using System.Globalization;
using MentorBot.Conversations;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Pairs;

/// <summary>
/// A person who removes the app from their personal scope cannot be messaged until they add it again (Teams answers
/// 403 to every send, protocol.md D3). They are marked unreachable, so nothing is attempted in vain, and the
/// coordinators of each program they have an open pair in are told, once per removal.
/// </summary>
public sealed class UnreachableAfterUninstall : IConversationUpdateHandler
{
    private readonly ProactiveMessenger _messenger;
    private readonly PairStore _pairs;
    private readonly Programs.ProgramStore _programs;

    public UnreachableAfterUninstall(ProactiveMessenger messenger, PairStore pairs, Programs.ProgramStore programs)
    {
        _messenger = messenger;
        _pairs = pairs;
        _programs = programs;
    }

    public async Task HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Activity.Type != ActivityTypes.InstallationUpdate || turn.Activity.Action != "remove"
            || !turn.IsPersonal || turn.UserId is null || turn.TenantId is null)
        {
            return;
        }

        var since = await _messenger.MarkUnreachableAsync(turn.TenantId, turn.UserId, cancellationToken).ConfigureAwait(false);
        var openPairs = (await _pairs.ForPersonAsync(turn.TenantId, turn.UserId, cancellationToken).ConfigureAwait(false)).Where(p => !p.IsClosed);
        foreach (var inProgram in openPairs.GroupBy(p => p.ProgramId))
        {
            var found = await _programs.GetAsync(turn.TenantId, inProgram.Key, cancellationToken).ConfigureAwait(false);
            if (found is not { Program: var program })
            {
                continue;
            }

            var person = inProgram.First().Party(inProgram.First().RoleOf(turn.UserId)!.Value);
            var pairs = string.Join(", ", inProgram.Select(p => p.Description));
            var notice = Activity.CreateMessage(
                $"{person.Name} removed MentorBot, so I can't reach them for {pairs}. Their messages wait until they add MentorBot again " +
                "(Apps → search \"MentorBot\" → Add). Where your organisation allows it, I add it back for them once, when their next message is due.");
            // Keyed by when the removal was first noted: a redelivery or a second event of the same removal tells no one again.
            var key = $"person/{turn.UserId}/uninstalled/{since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
            await _messenger.SendToConversationAsync(turn.TenantId,
                new ConversationReference(program.Channel.ServiceUrl, program.Channel.ChannelId, turn.TenantId, ConversationTypes.Channel, null),
                key, notice, cancellationToken).ConfigureAwait(false);
        }
    }
}
