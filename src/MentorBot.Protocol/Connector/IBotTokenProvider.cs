namespace MentorBot.Protocol.Connector;

/// <summary>Supplies the bearer token for calls to the channel; null means "send no Authorization header".</summary>
public interface IBotTokenProvider
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A new token after the channel refused <paramref name="refused"/> with 401; the cached one when another caller
    /// already replaced it. Providers without a cache have nothing fresher to give.
    /// </summary>
    ValueTask<string?> RefreshAsync(string? refused, CancellationToken cancellationToken) => GetTokenAsync(cancellationToken);
}

/// <summary>No token: used when no credential is configured, as the Bot Framework SDK does with empty credentials.</summary>
public sealed class NoBotToken : IBotTokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
