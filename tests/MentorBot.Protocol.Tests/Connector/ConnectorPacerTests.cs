using System.Net;
using System.Threading.RateLimiting;
using MentorBot.Protocol.Connector;

namespace MentorBot.Protocol.Tests.Connector;

public sealed class ConnectorPacerTests
{
    private sealed class Ok : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created));
    }

    [Fact]
    public async Task Calls_beyond_the_bucket_wait_for_the_next_tokens_instead_of_going_out()
    {
        // A bucket we refill by hand, so the test decides when time "passes".
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 2,
            TokensPerPeriod = 2,
            // TryReplenish refuses to refill sooner than one period after the last refill.
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(1),
            QueueLimit = 10,
            AutoReplenishment = false,
        });
        using var client = new HttpClient(new ConnectorPacer(limiter) { InnerHandler = new Ok() });

        var uri = new Uri("http://127.0.0.1/v3/conversations/a/activities");
        using (var first = await client.PostAsync(uri, null))
        using (var second = await client.PostAsync(uri, null))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        var third = client.PostAsync(uri, null);
        await Task.Delay(100);
        Assert.False(third.IsCompleted);

        limiter.TryReplenish();
        using var response = await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
