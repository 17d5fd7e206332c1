namespace MentorBot.Protocol.Authentication;

/// <summary>A request that does not prove it comes from the channel. Always answered with 401 and nothing else.</summary>
public sealed class ChannelAuthenticationException : Exception
{
    public ChannelAuthenticationException(string message)
        : base(message)
    {
    }

    public ChannelAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ChannelAuthenticationException()
    {
    }
}
