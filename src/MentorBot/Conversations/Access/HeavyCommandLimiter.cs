using System.Threading.RateLimiting;

namespace MentorBot.Conversations.Access;

/// <summary>
/// Limits the costly commands (exports, reports) per person and command, so that one person cannot keep the service
/// reading whole programs: <see cref="PermitsPerWindow"/> in any <see cref="Window"/>. Per instance, in memory: a
/// person spread over several instances gets a few more, which is fine for a guard against load.
/// </summary>
public sealed class HeavyCommandLimiter : IDisposable
{
    public const int PermitsPerWindow = 3;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = PermitsPerWindow,
            Window = Window,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public bool TryAcquire(Turn turn, string command)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var lease = _limiter.AttemptAcquire($"{turn.TenantId}|{turn.UserId ?? turn.Activity.From?.Id}|{command}");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
