using MentorBot.Protocol.Connector;

namespace MentorBot.Protocol.Hosting;

public sealed class BotEndpointOptions
{
    /// <summary>Activities larger than this are refused with 413; Teams' own message limit is about 100 KB.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Calls per tenant second to the channel from all live instances together (Teams allows 50 per tenant); 0 turns pacing off.</summary>
    public int ConnectorRequestsPerSecond { get; set; } = PacingOptions.DefaultTenantRequestsPerSecond;

    /// <summary>Channels whose activities are processed; others are refused. Teams only unless configured otherwise.</summary>
    public ISet<string> AllowedChannelIds { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "msteams" };

    /// <summary>Where activities may come from and the outbound token may go (documented Teams hosts plus these).</summary>
    public ServiceUrlPolicy ServiceUrls { get; set; } = ServiceUrlPolicy.TeamsOnly;

    /// <summary>When not empty, activities from any other tenant are refused and not processed.</summary>
    public ISet<string> AllowedTenantIds { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
