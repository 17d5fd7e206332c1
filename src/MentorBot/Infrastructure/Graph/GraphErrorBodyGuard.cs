namespace MentorBot.Infrastructure.Graph;

/// <summary>
/// Graph (or a gateway in front of it) sometimes answers an error with an HTML page instead of its JSON error
/// (microsoftgraph/msgraph-sdk-dotnet issues 2407 and 2411). The SDK then throws an InvalidOperationException ("Content
/// type text/html does not have a factory registered") that carries no status, so a 410 on a delta link would not
/// start a fresh sync and a 503 would look like a bug. A failed answer whose body is not JSON loses that body here,
/// and the SDK raises its ApiException with the status code, as it does for an empty error body.
/// </summary>
public sealed class GraphErrorBodyGuard : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!response.IsSuccessStatusCode && mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            response.Content.Dispose();
            response.Content = new ByteArrayContent([]);
        }

        return response;
    }
}
