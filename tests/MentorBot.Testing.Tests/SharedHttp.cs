namespace MentorBot.Testing.Tests;

/// <summary>One HttpClient for all tests, as an application would hold one.</summary>
internal static class SharedHttp
{
    public static HttpClient Client { get; } = new();
}
