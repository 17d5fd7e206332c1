namespace MentorBot.Protocol.Connector;

/// <summary>Supplies the bearer token for calls to the channel; null means "send no Authorization header".</summary>
public interface IBotTokenProvider
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>No token: used when no credential is configured, as the Bot Framework SDK does with empty credentials.</summary>
public sealed class NoBotToken : IBotTokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
