using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MentorBot.Protocol.Tests.Connector;

/// <summary>Answers connector calls from a script of responses and records each request with its body.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _script = new();

    public List<(HttpMethod Method, Uri Uri, string? Authorization, string Body)> Requests { get; } = [];

    public RecordingHandler Then(HttpStatusCode status, string body = "{\"id\":\"1\"}", TimeSpan? retryAfter = null) =>
        Then(status, body, retryAfter is { } delay ? new RetryConditionHeaderValue(delay) : null);

    /// <summary>A response whose Retry-After is given as is, e.g. as an HTTP-date.</summary>
    public RecordingHandler Then(HttpStatusCode status, string body, RetryConditionHeaderValue? retryAfter)
    {
        _script.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            response.Headers.RetryAfter = retryAfter;
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
