namespace MentorBot.Testing;

/// <summary>
/// Message ids shaped like Teams' (millisecond timestamps). One counter for the whole test run,
/// so ids never repeat even when several stand-ins feed one bot's storage.
/// </summary>
internal static class MessageIds
{
    private static long _last = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static string Next() => Interlocked.Increment(ref _last).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
