using System.Net;
using System.Net.Http.Headers;
using MentorBot.Protocol.Hosting;

namespace MentorBot.Protocol.Connector;

/// <summary>
/// A 401 from the channel means the bot's token was refused (expired early, rotated secret, revoked), not that
/// anyone uninstalled the bot: the call is sent once more with a freshly fetched token. A second 401 goes back to
/// the caller, who tells the operator. Innermost handler, so a retry here is one call and not a Polly attempt.
/// </summary>
public sealed class ConnectorTokenRefresh : DelegatingHandler
{
    private readonly IBotTokenProvider _tokens;

    public ConnectorTokenRefresh(IBotTokenProvider tokens)
    {
        _tokens = tokens;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Headers.Authorization is null)
        {
            return response;
        }

        var refused = request.Headers.Authorization.Parameter;
        var fresh = await _tokens.RefreshAsync(refused, cancellationToken).ConfigureAwait(false);
        if (fresh is null)
        {
            return response;
        }

        response.Dispose();
        ProtocolMetrics.ConnectorTokenRefused(retried: true);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        var second = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (second.StatusCode == HttpStatusCode.Unauthorized)
        {
            ProtocolMetrics.ConnectorTokenRefused(retried: false);
        }

        return second;
    }
}
