using System.Diagnostics;
using OpenTelemetry;

namespace MentorBot.Hosting;

/// <summary>
/// URLs in traces keep their shape, not the people in them. Table keys hold addresses (the row index is keyed by
/// them: "PartitionKey='id|mia@contoso.com'"), a pair chat's id ends in "@thread.v2", and any query may name someone,
/// so every URL a span records loses its query, its table keys and any segment with an address, before export.
/// </summary>
public sealed class PeopleFreeUrls : BaseProcessor<Activity>
{
    // Where HttpClient (url.full), Azure.Core (url.full, older http.url) and ASP.NET Core (url.path, url.query) put them.
    private static readonly string[] UrlTags = ["url.full", "http.url", "url.path", "http.target"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url)
            {
                data.SetTag(tag, Redact(url));
            }
        }

        if (data.GetTagItem("url.query") is string { Length: > 0 })
        {
            data.SetTag("url.query", "?*");
        }

        if (data.DisplayName.Contains('@', StringComparison.Ordinal) || data.DisplayName.Contains('(', StringComparison.Ordinal))
        {
            data.DisplayName = Redact(data.DisplayName);
        }
    }

    /// <summary>An absolute URL or a path with its query replaced by "?*", table keys by "(…)" and address segments by "{address}".</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? url : url[..query];
        var start = path.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? path.IndexOf('/', scheme + 3) : 0;
        if (start < 0)
        {
            return path + (query < 0 ? string.Empty : "?*");
        }

        var segments = path[start..].Split('/').Select(RedactSegment);
        return path[..start] + string.Join('/', segments) + (query < 0 ? string.Empty : "?*");
    }

    private static string RedactSegment(string segment)
    {
        var decoded = Uri.UnescapeDataString(segment);
        var keys = decoded.IndexOf('(', StringComparison.Ordinal);
        if (keys >= 0)
        {
            return decoded[..keys] + "(…)";
        }

        return decoded.Contains('@', StringComparison.Ordinal) ? "{address}" : segment;
    }
}
