namespace MentorBot.Protocol.Connector;

/// <summary>A call to a service URL that is not a Teams host was stopped before any request (or token) left the bot.</summary>
public sealed class UntrustedServiceUrlException : InvalidOperationException
{
    public UntrustedServiceUrlException()
    {
    }

    public UntrustedServiceUrlException(string message)
        : base(message)
    {
    }

    public UntrustedServiceUrlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
