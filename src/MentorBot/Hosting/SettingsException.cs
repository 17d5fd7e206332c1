namespace MentorBot.Hosting;

/// <summary>A missing or contradictory setting. Start-up stops, and the message names the key to fix.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(string key, string problem)
        : base($"Setting '{key}': {problem}")
    {
        Key = key;
    }

    public SettingsException()
    {
        Key = string.Empty;
    }

    public SettingsException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    public string Key { get; }
}
