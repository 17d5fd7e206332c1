namespace MentorBot.Protocol.Connector;

/// <summary>
/// How many instances of the bot are sending now, so that each paces a tenant at its share of the tenant's limit
/// (Teams counts the limit per bot and tenant, whatever number of processes send: protocol.md C).
/// </summary>
public interface IInstanceShare
{
    /// <summary>Live instances, this one included; at least 1.</summary>
    int LiveInstances { get; }
}

/// <summary>The share of a bot that runs as one process.</summary>
public sealed class OneInstance : IInstanceShare
{
    public int LiveInstances => 1;
}
