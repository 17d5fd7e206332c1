using System.Net;

namespace MentorBot.Protocol.Connector;

/// <summary>
/// Paces every attempt to the channel, retries included, as Teams limits bots (protocol.md C; "Rate limiting for
/// bots"): per tenant <see cref="PacingOptions.TenantRequestsPerSecond"/> in any sliding second, per conversation
/// 7/1 s, 8/2 s, 60/30 s, 1,800/1 h. Interactive sends go first; background fan-out keeps a guaranteed share of
/// the tenant's second so it never starves. A 429 pauses its conversation, or its tenant when it is evidently
/// tenant-wide (<see cref="PauseReachRule"/>), for every instance (<see cref="ThrottlePauses"/>). With several
/// instances live, each paces a tenant at its share of the limit (<see cref="IInstanceShare"/>).
/// </summary>
public sealed class ConnectorPacer
{
    /// <summary>Set by <see cref="ConnectorClient"/> from the activity's or the parameters' tenant.</summary>
    public static readonly HttpRequestOptionsKey<string> TenantOption = new("MentorBot.Tenant");

    public static readonly HttpRequestOptionsKey<SendLane> LaneOption = new("MentorBot.Lane");

    /// <summary>Set by the pacer on a request answered 429: how far the pause it caused reaches.</summary>
    public static readonly HttpRequestOptionsKey<PauseReach> PauseReachOption = new("MentorBot.PauseReach");

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    // Longest the pacer sleeps before looking again, so a background send notices the interactive queue emptying.
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(20);

    private readonly PacingOptions _options;
    private readonly ThrottlePauses _pauses;
    private readonly IInstanceShare _share;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Dictionary<string, SlidingWindowLog> _tenants = [];
    private readonly Dictionary<string, SlidingWindowLog> _conversations = [];
    private readonly Dictionary<string, int> _interactiveWaiting = [];

    public ConnectorPacer(PacingOptions options, ThrottlePauses pauses, TimeProvider time, IInstanceShare? share = null)
    {
        _options = options;
        _pauses = pauses;
        _time = time;
        _share = share ?? new OneInstance();
    }

    /// <summary>Calls per tenant in any second from this instance: its share of <see cref="PacingOptions.TenantRequestsPerSecond"/>.</summary>
    public int TenantLimit => Math.Max(1, _options.TenantRequestsPerSecond / Math.Max(1, _share.LiveInstances));

    /// <summary>Waits for the request's turn, sends it through <paramref name="send"/>, and on a 429 pauses what it reaches.</summary>
    public async Task<HttpResponseMessage> SendPacedAsync(
        HttpRequestMessage request, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var tenant = request.Options.TryGetValue(TenantOption, out var t) && !string.IsNullOrEmpty(t) ? t : "(unknown tenant)";
        var lane = request.Options.TryGetValue(LaneOption, out var l) ? l : SendLane.Background;
        var conversation = ConversationOf(request.RequestUri);
        var turn = await TakeTurnAsync(tenant, conversation, lane, ConnectorThrottle.CanComeBackLaterFor(request), onItsWay: true, cancellationToken)
            .ConfigureAwait(false);

        HttpResponseMessage response;
        try
        {
            response = await send().ConfigureAwait(false);
        }
        finally
        {
            Landed(turn!);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var reach = await _pauses.PauseAsync(tenant, conversation, RetryAfter(response), CallsInLastSecond(tenant), cancellationToken).ConfigureAwait(false);
            request.Options.Set(PauseReachOption, reach);
        }

        return response;
    }

    /// <summary>Returns when one more call fits the tenant's and the conversation's windows, and records it.</summary>
    public Task WaitForTurnAsync(string tenant, string? conversation, SendLane lane, CancellationToken cancellationToken) =>
        WaitForTurnAsync(tenant, conversation, lane, canComeBackLater: false, cancellationToken);

    /// <summary>
    /// As above, but a call that <paramref name="canComeBackLater"/> is not kept waiting longer than
    /// <see cref="ConnectorThrottle.LongestWaitInPlace"/>: it gets a throttled <see cref="ConnectorException"/> saying
    /// when its turn will be, and nothing is recorded.
    /// </summary>
    public Task WaitForTurnAsync(
        string tenant, string? conversation, SendLane lane, bool canComeBackLater, CancellationToken cancellationToken) =>
        TakeTurnAsync(tenant, conversation, lane, canComeBackLater, onItsWay: false, cancellationToken);

    /// <summary>
    /// Waits for the turn; a call <paramref name="onItsWay"/> counts in every window until <see cref="Landed"/>,
    /// others count at the moment they were let through.
    /// </summary>
    private async Task<Turn?> TakeTurnAsync(
        string tenant, string? conversation, SendLane lane, bool canComeBackLater, bool onItsWay, CancellationToken cancellationToken)
    {
        var counted = false;
        try
        {
            while (true)
            {
                var pauses = await _pauses.OfTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
                TimeSpan wait;
                lock (_gate)
                {
                    var now = _time.GetUtcNow();
                    var (pausedUntil, reach) = PauseOf(pauses, conversation, now);
                    Turn? turn = null;
                    wait = pausedUntil is { } until ? until - now : TryTake(tenant, conversation, lane, now, onItsWay, out turn);
                    if (wait <= TimeSpan.Zero)
                    {
                        return turn;
                    }

                    if (canComeBackLater && wait > ConnectorThrottle.LongestWaitInPlace)
                    {
                        throw pausedUntil is null
                            ? ConnectorException.Throttled(now + wait,
                                $"Not sent: the windows of tenant {tenant} or its conversation are full until {now + wait:O}.", ConnectorException.WindowsFullCode)
                            : reach == PauseReach.Tenant
                                ? ConnectorException.Throttled(now + wait, $"Not sent: tenant {tenant} is paused after a 429 until {now + wait:O}.", holdsTenant: true)
                                : ConnectorException.Throttled(now + wait, $"Not sent: the conversation is paused after a 429 until {now + wait:O}.");
                    }

                    if (lane == SendLane.Interactive && !counted)
                    {
                        counted = true;
                        _interactiveWaiting[tenant] = _interactiveWaiting.GetValueOrDefault(tenant) + 1;
                    }
                }

                await Task.Delay(wait < Recheck ? wait : Recheck, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (counted)
            {
                lock (_gate)
                {
                    _interactiveWaiting[tenant]--;
                }
            }
        }
    }

    /// <summary>The pause that holds this call now, if any: its tenant's, or its conversation's (which holds no other).</summary>
    private static (DateTimeOffset? Until, PauseReach Reach) PauseOf(TenantPauses pauses, string? conversation, DateTimeOffset now)
    {
        var tenant = pauses.Tenant > now ? pauses.Tenant : null;
        var own = conversation is not null && pauses.Conversations.Count > 0 ? pauses.Of(TenantPauses.KeyOf(conversation)) : null;
        own = own > now ? own : null;
        var until = own > tenant || tenant is null ? own : tenant;
        return (until, tenant is null ? PauseReach.Conversation : PauseReach.Tenant);
    }

    private TimeSpan TryTake(string tenant, string? conversation, SendLane lane, DateTimeOffset now, bool onItsWay, out Turn? turn)
    {
        turn = null;
        var limit = TenantLimit;
        var tenantLog = LogOf(_tenants, tenant, [new WindowLimit(limit, Second)]);
        if (tenantLog.Limits[0].Count != limit)
        {
            // The number of live instances changed: the calls already made still count against the new share.
            tenantLog.Limit([new WindowLimit(limit, Second)]);
        }

        var conversationLog = conversation is null ? null : LogOf(_conversations, conversation, PacingOptions.ConversationLimits);
        var wait = tenantLog.WaitBeforeNext(now);
        var conversationWait = conversationLog?.WaitBeforeNext(now) ?? TimeSpan.Zero;
        wait = conversationWait > wait ? conversationWait : wait;
        if (wait <= TimeSpan.Zero && lane == SendLane.Background && _interactiveWaiting.GetValueOrDefault(tenant) > 0
            && tenantLog.CountInside(now, Second, SendLane.Background) >= BackgroundShareOf(limit))
        {
            // People are waiting and fan-out has had its share of this second: let them go first.
            wait = Recheck;
        }

        if (wait <= TimeSpan.Zero && onItsWay)
        {
            turn = new Turn(tenantLog, tenantLog.Start(lane), conversationLog, conversationLog?.Start(lane) ?? 0);
        }
        else if (wait <= TimeSpan.Zero)
        {
            tenantLog.Record(now, lane);
            conversationLog?.Record(now, lane);
        }

        return wait;
    }

    /// <summary>The call of <paramref name="turn"/> was answered: from now it counts at this moment.</summary>
    private void Landed(Turn turn)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            turn.Tenant.Landed(turn.TenantCall, now);
            turn.Conversation?.Landed(turn.ConversationCall, now);
        }
    }

    /// <summary>This instance's calls to the tenant in the last second, both lanes, those on their way included.</summary>
    private int CallsInLastSecond(string tenant)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return _tenants.TryGetValue(tenant, out var log)
                ? log.CountInside(now, Second, SendLane.Interactive) + log.CountInside(now, Second, SendLane.Background)
                : 0;
        }
    }

    /// <summary>A call on its way, in the logs of its tenant and its conversation.</summary>
    private sealed record Turn(SlidingWindowLog Tenant, long TenantCall, SlidingWindowLog? Conversation, long ConversationCall);

    /// <summary>Background's share of the tenant second, in proportion when this instance has only part of the limit.</summary>
    private int BackgroundShareOf(int limit) =>
        Math.Max(1, _options.BackgroundShare * limit / Math.Max(1, _options.TenantRequestsPerSecond));

    private static SlidingWindowLog LogOf(Dictionary<string, SlidingWindowLog> logs, string key, IReadOnlyList<WindowLimit> limits)
    {
        if (!logs.TryGetValue(key, out var log))
        {
            log = new SlidingWindowLog(limits);
            logs[key] = log;
        }

        return log;
    }

    /// <summary>The {id} of /v3/conversations/{id}/...; none for creating a conversation or team calls.</summary>
    public static string? ConversationOf(Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var at = Array.IndexOf(segments, "conversations");
        return at >= 0 && at + 1 < segments.Length ? Uri.UnescapeDataString(segments[at + 1]) : null;
    }

    private TimeSpan RetryAfter(HttpResponseMessage response) => RetryAfterHeader.DelayOf(response, _time.GetUtcNow());
}

public sealed class PacingOptions
{
    /// <summary>Teams' per-bot, per-thread send limits (protocol.md C, "Per bot, per thread limits").</summary>
    public static readonly IReadOnlyList<WindowLimit> ConversationLimits =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    /// <summary>
    /// The default of <see cref="TenantRequestsPerSecond"/>: 6 % under the 50 Teams allows. The window is strict (a call
    /// counts from the moment it leaves until its answer, so Teams can never see more of ours in a second), and the
    /// margin is for other work of the app in the tenant, which its 429s then pause. Issue 17 bounds it from both
    /// sides: 4 % (48/s) was "only 4 % under the limit"; and a fan-out must use 85 % of the limit while one call in
    /// twenty is refused (the refused count as requests here too, as they do at Teams), so the pace must be at least
    /// 85 % / 95 % = 44.7/s plus what the start and end of a finite fan-out lose: 45/s (10 %) measured 82–84 %.
    /// </summary>
    public const int DefaultTenantRequestsPerSecond = 47;

    /// <summary>Calls per tenant in any second from all instances together; Teams allows 50.</summary>
    public int TenantRequestsPerSecond { get; init; } = DefaultTenantRequestsPerSecond;

    /// <summary>Calls per tenant second that background fan-out keeps while interactive sends wait.</summary>
    public int BackgroundShare { get; init; } = 9;
}
