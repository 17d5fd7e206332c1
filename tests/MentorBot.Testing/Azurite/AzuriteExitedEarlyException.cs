namespace MentorBot.Testing;

/// <summary>Azurite quit before listening, typically because another process took the port first.</summary>
public sealed class AzuriteExitedEarlyException : Exception
{
    public AzuriteExitedEarlyException()
    {
    }

    public AzuriteExitedEarlyException(string message)
        : base(message)
    {
    }

    public AzuriteExitedEarlyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
