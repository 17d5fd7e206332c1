using System.Net;
using System.Text;
using MentorBot.Infrastructure.Graph;

namespace MentorBot.Tests.Graph;

public sealed class GraphErrorBodyGuardTests
{
    [Fact]
    public async Task An_error_with_an_html_body_keeps_its_status_and_loses_the_body()
    {
        using var response = await SendThroughGuardAsync(HttpStatusCode.Gone, "<html><body>Gone</body></html>", "text/html");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(HttpStatusCode.Gone, "{\"error\":{\"code\":\"syncStateNotFound\",\"message\":\"\"}}", "application/json")]
    [InlineData(HttpStatusCode.OK, "<html></html>", "text/html")]
    public async Task A_json_error_and_a_success_are_left_as_they_are(HttpStatusCode status, string body, string mediaType)
    {
        using var response = await SendThroughGuardAsync(status, body, mediaType);

        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> SendThroughGuardAsync(HttpStatusCode status, string body, string mediaType)
    {
        using var invoker = new HttpMessageInvoker(new GraphErrorBodyGuard { InnerHandler = new Answering(status, body, mediaType) });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1/v1.0/users/u/calendarView/delta"));
        return await invoker.SendAsync(request, CancellationToken.None);
    }

    private sealed class Answering(HttpStatusCode status, string body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
    }
}
