using Azure.Core;

namespace MentorBot.Protocol.Connector;

/// <summary>
/// Client-credentials tokens for the Bot Framework scope from an Azure.Identity credential
/// (client secret, certificate or managed identity), cached until five minutes before they expire.
/// </summary>
public sealed class CredentialBotTokenProvider : IBotTokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _request;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _cached;

    public CredentialBotTokenProvider(TokenCredential credential, string scope, TimeProvider time)
    {
        _credential = credential;
        _request = new TokenRequestContext([scope.EndsWith("/.default", StringComparison.Ordinal) ? scope : scope.TrimEnd('/') + "/.default"]);
        _time = time;
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(_cached))
        {
            return _cached!.Value.Token;
        }

        // One refresh at a time: concurrent sends share the token the first caller fetched.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh(_cached))
            {
                _cached = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
            }

            return _cached!.Value.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<string?> RefreshAsync(string? refused, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Many sends may be refused with the same token at once: the first refreshes, the others take its token.
            if (_cached is null || _cached.Value.Token == refused)
            {
                _cached = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
            }

            return _cached!.Value.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh(AccessToken? token) => token is { } t && t.ExpiresOn - RefreshAhead > _time.GetUtcNow();

    public void Dispose() => _gate.Dispose();
}
