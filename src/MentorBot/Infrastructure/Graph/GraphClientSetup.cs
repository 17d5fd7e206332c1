using MentorBot.Hosting;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;

namespace MentorBot.Infrastructure.Graph;

/// <summary>
/// The Graph SDK client, with app-only credentials. A loopback Graph:BaseUrl (a local stand-in) gets no token:
/// the SDK would otherwise refuse to send one to a host that is not Graph, silently.
/// </summary>
public static class GraphClientSetup
{
    /// <summary>
    /// The SDK's own HTTP pipeline is kept (its middleware retries 429 and 503, honouring Retry-After), with our
    /// throttling counter and the guard against error bodies that are not JSON innermost; an HttpClient built any
    /// other way would bypass the SDK's retries.
    /// </summary>
    public static GraphServiceClient Create(BotSettings settings)
    {
        var credential = BotCredentials.ForGraph(settings);
        IAuthenticationProvider auth = credential is null || settings.GraphBaseUrl.IsLoopback
            ? new AnonymousAuthenticationProvider()
            : new AzureIdentityAuthenticationProvider(credential, [settings.GraphBaseUrl.Host], scopes: [$"{settings.GraphBaseUrl.GetLeftPart(UriPartial.Authority)}/.default"]);
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        handlers.Add(new GraphThrottleCounter());
        handlers.Add(new GraphErrorBodyGuard());
        return new GraphServiceClient(GraphClientFactory.Create(handlers), auth, settings.GraphBaseUrl.ToString());
    }
}
