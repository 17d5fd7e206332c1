using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Testing;

/// <summary>An endpoint a test added to the stand-in Graph at runtime.</summary>
internal sealed record GraphRoute(string Method, Regex Path, Func<HttpContext, Task> Handler)
{
    public bool Matches(string method, string relativePath) =>
        string.Equals(Method, method, StringComparison.OrdinalIgnoreCase) && Path.IsMatch(relativePath);
}
