namespace MentorBot.BrowserTests;

/// <summary>
/// A fact that needs Chromium: skipped, with the reason, only when no Chromium can be found
/// (<c>CHROMIUM_PATH</c>, else Debian's <c>/usr/bin/chromium</c>). tools/test.sh installs it, so CI runs the test.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "Chromium was not found (set CHROMIUM_PATH, or install Debian's package: apt-get install -y chromium). tools/test.sh installs it.";
        }
    }
}

internal static class Chromium
{
    public static string? Path =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
}
