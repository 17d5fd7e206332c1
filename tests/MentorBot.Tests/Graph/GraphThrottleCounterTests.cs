using System.Diagnostics.Metrics;
using System.Net;
using MentorBot.Infrastructure.Graph;

namespace MentorBot.Tests.Graph;

public sealed class GraphThrottleCounterTests
{
    private sealed class Answers(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(statuses[_next++]));
    }

    [Fact]
    public async Task Every_throttled_graph_answer_is_counted_for_operators_and_others_are_not()
    {
        var graphThrottles = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "mentorbot.throttled")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "service" && Equals(tag.Value, "graph"))
                {
                    Interlocked.Add(ref graphThrottles, value);
                }
            }
        });
        listener.Start();
        using var client = new HttpClient(new GraphThrottleCounter
        {
            InnerHandler = new Answers(HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.NotFound),
        });

        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(new Uri("http://127.0.0.1/v1.0/users/x"));
        }

        Assert.Equal(2, Interlocked.Read(ref graphThrottles));
    }
}
