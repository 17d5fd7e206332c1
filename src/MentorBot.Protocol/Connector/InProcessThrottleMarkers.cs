namespace MentorBot.Protocol.Connector;

/// <summary>The marker store of a bot that runs as one process (the application may register a shared one).</summary>
public sealed class InProcessThrottleMarkers : IThrottleMarkerStore
{
    private readonly Dictionary<string, TenantPauses> _pauses = [];

    public Task<TenantPauses> ReadPausesAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_pauses)
        {
            return Task.FromResult(_pauses.GetValueOrDefault(tenantId, TenantPauses.None).RunningAt(now));
        }
    }

    public Task WritePauseAsync(string tenantId, string? conversationKey, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_pauses)
        {
            _pauses[tenantId] = _pauses.GetValueOrDefault(tenantId, TenantPauses.None).With(conversationKey, until);
        }

        return Task.CompletedTask;
    }
}
