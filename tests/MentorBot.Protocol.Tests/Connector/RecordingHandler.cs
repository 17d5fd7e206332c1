using System.Net;
using System.Text;

namespace MentorBot.Protocol.Tests.Connector;

/// <summary>Answers connector calls from a script of responses and records each request with its body.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _script = new();

    public List<(HttpMethod Method, Uri Uri, string? Authorization, string Body)> Requests { get; } = [];

    public RecordingHandler Then(HttpStatusCode status, string body = "{\"id\":\"1\"}", TimeSpan? retryAfter = null)
    {
        _script.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (retryAfter is { } delay)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
            }

            return response;
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        return _script.Count > 0 ? _script.Dequeue()() : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"id\":\"ok\"}") };
    }
}
