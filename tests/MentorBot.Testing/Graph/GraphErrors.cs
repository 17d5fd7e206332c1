using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Testing;

/// <summary>Graph's error body (an ODataError to the SDK), with the innerError Graph always adds.</summary>
internal static class GraphErrors
{
    public static Task WriteAsync(HttpContext context, int statusCode, string code, string message, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var body = JsonHttp.ErrorBody(code, message);
        body["error"]!["innerError"] = new JsonObject
        {
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["request-id"] = Guid.NewGuid().ToString(),
            ["client-request-id"] = context.Request.Headers["client-request-id"].ToString(),
        };
        return JsonHttp.WriteAsync(context.Response, statusCode, body);
    }

    public static Task NotFoundAsync(HttpContext context, string resource) =>
        WriteAsync(context, 404, "Request_ResourceNotFound",
            $"Resource '{resource}' does not exist or one of its queried reference-property objects are not present.");

    public static string CodeFor(int statusCode) => statusCode switch
    {
        400 => "BadRequest",
        401 => "InvalidAuthenticationToken",
        403 => "Forbidden",
        404 => "Request_ResourceNotFound",
        409 => "Conflict",
        429 => "TooManyRequests",
        503 => "ServiceNotAvailable",
        504 => "GatewayTimeout",
        _ => "generalException",
    };
}
