using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Testing;

/// <summary>Reading and writing JSON bodies without reflection-based serialization.</summary>
internal static class JsonHttp
{
    public static async Task WriteAsync(HttpResponse response, int statusCode, JsonNode? body)
    {
        response.StatusCode = statusCode;
        if (body is null)
        {
            return;
        }

        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpResponse response, int statusCode, string code, string message, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return WriteAsync(response, statusCode, ErrorBody(code, message));
    }

    /// <summary>The <c>{ "error": { "code", "message" } }</c> shape used by both the Bot Connector and Graph.</summary>
    public static JsonObject ErrorBody(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    /// <summary>Reads the whole body as text; the request stays readable again for custom handlers.</summary>
    public static async Task<string> ReadBodyTextAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync().ConfigureAwait(false);
        request.Body.Position = 0;
        return text;
    }

    /// <summary>Parses a body, or returns null when it is empty or not JSON (the raw text is kept elsewhere).</summary>
    public static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
