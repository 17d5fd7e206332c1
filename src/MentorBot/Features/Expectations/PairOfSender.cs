using MentorBot.Conversations;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// Which of the sender's active pairs a command is about: in a pair chat, that chat's pair; in personal chat, the
/// only one, or the one whose partner is named. A pair's record is never shown in a chat that is not theirs.
/// </summary>
public sealed class PairOfSender
{
    private readonly PairStore _pairs;

    public PairOfSender(PairStore pairs)
    {
        _pairs = pairs;
    }

    /// <summary>The pair, or null after telling the sender why none could be chosen.</summary>
    public async Task<(Pair Pair, PairRole Role)?> FindAsync(Turn turn, string arguments, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.UserId is not { } userId || turn.TenantId is not { } tenantId)
        {
            turn.Reply("I can't tell who you are here, so I can't look up your pair.");
            return null;
        }

        var active = (await _pairs.ForPersonAsync(tenantId, userId, cancellationToken).ConfigureAwait(false))
            .Where(p => !p.IsClosed && p.RoleOf(userId) is not null)
            .OrderBy(p => p.CreatedAt)
            .ToList();
        if (!turn.IsPersonal)
        {
            var here = active.FirstOrDefault(p => p.PairChatConversationId == turn.ConversationId);
            if (here is null)
            {
                turn.Reply($"This chat isn't the pair chat of a mentoring pair you're in, so I'll keep your pair's record out of it. Type \"{command}\" in your personal chat with me.");
                return null;
            }

            return (here, here.RoleOf(userId)!.Value);
        }

        var wanted = arguments.Trim();
        var matching = wanted.Length == 0
            ? active
            : active.Where(p => p.PartnerOf(p.RoleOf(userId)!.Value).Name.Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        switch (matching.Count)
        {
            case 1:
                return (matching[0], matching[0].RoleOf(userId)!.Value);
            case 0 when active.Count == 0:
                turn.Reply("You're not in an active mentoring pair at the moment.");
                return null;
            default:
                var choices = (matching.Count == 0 ? active : matching).Select(p => p.PartnerOf(p.RoleOf(userId)!.Value).Name);
                turn.Reply($"You're in more than one mentoring pair ({string.Join(", ", choices)}). Type \"{command} <name>\" with the name of your mentor or mentee.");
                return null;
        }
    }
}
