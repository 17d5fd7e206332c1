namespace MentorBot.Protocol.Connector;

/// <summary>
/// Puts the process's one <see cref="ConnectorPacer"/> into a connector handler chain. The handler factory builds
/// chains anew from time to time; the pacer, with its windows, outlives them.
/// </summary>
public sealed class ConnectorPacingHandler : DelegatingHandler
{
    private readonly ConnectorPacer _pacer;

    public ConnectorPacingHandler(ConnectorPacer pacer)
    {
        _pacer = pacer;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _pacer.SendPacedAsync(request, () => base.SendAsync(request, cancellationToken), cancellationToken);
}
