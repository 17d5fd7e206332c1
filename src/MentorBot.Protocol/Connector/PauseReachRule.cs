namespace MentorBot.Protocol.Connector;

/// <summary>
/// Decides how far a 429 reaches. Teams counts its limits per conversation (7/1 s, 8/2 s, 60/30 s, 1,800/h) and per
/// tenant (50/s) (protocol.md C, "Rate limiting for bots"), and its answer does not say which was met. So a 429 on a
/// call to one conversation pauses that conversation; it pauses the tenant only when it is evidently tenant-wide:
/// the call had no conversation (creating one), or 429s came from two or more conversations of the tenant within
/// <see cref="Together"/>. Not thread-safe on its own: <see cref="ThrottlePauses"/> holds its lock around it.
/// </summary>
public sealed class PauseReachRule
{
    /// <summary>429s of different conversations this close together are the tenant's limit, not theirs.</summary>
    public static readonly TimeSpan Together = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, List<(string Conversation, DateTimeOffset At)>> _recent = [];

    /// <summary>Notes a 429 of <paramref name="tenant"/> for <paramref name="conversation"/> (none: a create call) at <paramref name="at"/>.</summary>
    public PauseReach ReachOf(string tenant, string? conversation, DateTimeOffset at)
    {
        if (conversation is null)
        {
            return PauseReach.Tenant;
        }

        if (!_recent.TryGetValue(tenant, out var recent))
        {
            recent = [];
            _recent[tenant] = recent;
        }

        recent.RemoveAll(r => r.At <= at - Together);
        recent.Add((conversation, at));
        return recent.Any(r => r.Conversation != conversation) ? PauseReach.Tenant : PauseReach.Conversation;
    }
}
