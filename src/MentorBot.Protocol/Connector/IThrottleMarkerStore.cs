namespace MentorBot.Protocol.Connector;

/// <summary>
/// Where the pauses after 429s are kept so that every instance of the bot honours them (Microsoft's Company
/// Communicator sample keeps such a "throttled until" marker in a table). One tenant's pauses, its own and its
/// conversations', are read together.
/// </summary>
public interface IThrottleMarkerStore
{
    /// <summary>The tenant's pauses still running at <paramref name="now"/>.</summary>
    Task<TenantPauses> ReadPausesAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records a pause of the tenant (<paramref name="conversationKey"/> null) or of one conversation
    /// (<see cref="TenantPauses.KeyOf"/>), keeping a later end already stored.
    /// </summary>
    Task WritePauseAsync(string tenantId, string? conversationKey, DateTimeOffset until, CancellationToken cancellationToken);
}
