namespace MentorBot.Protocol.Connector;

/// <summary>
/// Where the bot may send its outbound token: the Bot Connector hosts Teams uses (protocol.md C, "If you have no
/// serviceUrl": public, GCC, GCCH and DoD), hosts an operator adds, and loopback only where allowed (Development).
/// An activity naming any other service URL is refused on the way in, and nothing is sent there on the way out.
/// </summary>
public sealed class ServiceUrlPolicy
{
    /// <summary>The Teams service URL hosts documented by Microsoft (Teams docs, "Send proactive messages", global service URLs).</summary>
    public static readonly IReadOnlyList<string> TeamsHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    private readonly HashSet<string> _hosts;

    public ServiceUrlPolicy(IEnumerable<string> extraHosts, bool allowLoopback)
    {
        _hosts = new HashSet<string>(TeamsHosts.Concat(extraHosts), StringComparer.OrdinalIgnoreCase);
        AllowLoopback = allowLoopback;
    }

    /// <summary>Only the documented Teams hosts, no loopback.</summary>
    public static ServiceUrlPolicy TeamsOnly { get; } = new([], allowLoopback: false);

    public bool AllowLoopback { get; }

    public bool IsAllowed(string? serviceUrl)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl) || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        if (uri.IsLoopback)
        {
            return AllowLoopback && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        }

        return uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && _hosts.Contains(uri.IdnHost);
    }
}
