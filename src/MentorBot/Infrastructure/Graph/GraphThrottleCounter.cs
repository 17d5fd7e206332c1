using System.Net;
using MentorBot.Hosting;

namespace MentorBot.Infrastructure.Graph;

/// <summary>
/// Innermost in the Graph SDK's pipeline, so it sees every attempt the SDK's retry handler makes: counts the 429 and
/// 503 answers as <c>mentorbot.throttled{service=graph}</c> for operators.
/// </summary>
public sealed class GraphThrottleCounter : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            MentorBotTelemetry.ThrottledBy("graph");
        }

        return response;
    }
}
