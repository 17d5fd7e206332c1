namespace MentorBot.Testing;

/// <summary>How <see cref="AzuriteProcess"/> runs the table emulator.</summary>
public sealed record AzuriteOptions
{
    /// <summary>
    /// Keep data in a temporary folder instead of memory, so a test can stop and restart the
    /// emulator and still see earlier writes. Stopping then uses SIGINT, which makes Azurite save.
    /// </summary>
    public bool Persistent { get; init; }

    /// <summary>The Node.js executable; found on PATH by default.</summary>
    public string NodeExecutable { get; init; } = "node";

    /// <summary>How long to wait for the emulator to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
