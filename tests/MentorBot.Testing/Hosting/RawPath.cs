using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MentorBot.Testing;

/// <summary>
/// Splits the request target as the client sent it into unescaped segments. Kestrel's
/// <see cref="HttpRequest.Path"/> leaves <c>%2F</c> encoded while decoding the rest, which makes
/// ids ambiguous; reading the raw target and unescaping each segment once avoids that.
/// </summary>
internal static class RawPath
{
    public static string Of(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var queryStart = raw.IndexOf('?', StringComparison.Ordinal);
        return queryStart >= 0 ? raw[..queryStart] : raw;
    }

    /// <summary>The unescaped segments after the leading slash; empty segments are kept so a doubled slash stays visible.</summary>
    public static string[] Segments(HttpContext context)
    {
        var path = Of(context);
        var trimmed = path.StartsWith('/') ? path[1..] : path;
        if (trimmed.Length == 0)
        {
            return [];
        }

        return trimmed.Split('/').Select(Uri.UnescapeDataString).ToArray();
    }

    /// <summary>The path with every segment unescaped, for logs and assertions.</summary>
    public static string Decoded(HttpContext context) => "/" + string.Join('/', Segments(context));
}
