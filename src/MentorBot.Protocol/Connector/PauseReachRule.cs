namespace MentorBot.Protocol.Connector;

/// <summary>
/// Decides how far a 429 reaches. Teams counts its limits per thread (send and create conversation alike: 7/1 s,
/// 8/2 s, 60/30 s, 1,800/h) and per tenant (50/s) (protocol.md C, "Rate limiting for bots"), and its answer does not
/// say which was met. So a 429 pauses only its conversation (a create's, only that call), and pauses the tenant when
/// the tenant's limit is evidently what was met: within <see cref="Together"/>, 429s came from two or more threads
/// and they were at least <see cref="TenantWideShare"/> of the tenant's calls. A few scattered 429s of a busy tenant
/// (the budget briefly shared with other work of the app) pause no one else; when others hold much of the budget,
/// a fifth or more of the calls are refused and the whole tenant waits out the Retry-After.
/// Not thread-safe on its own: <see cref="ThrottlePauses"/> holds its lock around it.
/// </summary>
public sealed class PauseReachRule
{
    /// <summary>429s of different threads this close together may be the tenant's limit, not theirs.</summary>
    public static readonly TimeSpan Together = TimeSpan.FromSeconds(1);

    /// <summary>The share of the tenant's calls in <see cref="Together"/> answered 429 that shows its limit was met.</summary>
    public const double TenantWideShare = 0.2;

    private readonly Dictionary<string, List<(string? Conversation, DateTimeOffset At)>> _recent = [];

    /// <summary>
    /// Notes a 429 of <paramref name="tenant"/> for <paramref name="conversation"/> (none: a create call) at
    /// <paramref name="at"/>, when the tenant had <paramref name="callsInLastSecond"/> calls in the second before
    /// (its own call included; 0 when unknown, which counts the 429s alone).
    /// </summary>
    public PauseReach ReachOf(string tenant, string? conversation, DateTimeOffset at, int callsInLastSecond = 0)
    {
        if (!_recent.TryGetValue(tenant, out var recent))
        {
            recent = [];
            _recent[tenant] = recent;
        }

        recent.RemoveAll(r => r.At <= at - Together);
        recent.Add((conversation, at));
        // Every create goes to a thread of its own (a person's chat not made yet).
        var threads = recent.Count(r => r.Conversation is null) + recent.Select(r => r.Conversation).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        var share = (double)recent.Count / Math.Max(recent.Count, callsInLastSecond);
        return threads >= 2 && share >= TenantWideShare ? PauseReach.Tenant : PauseReach.Conversation;
    }
}
