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
    public const string HttpClientName = "Graph";

    public static GraphServiceClient Create(HttpClient http, BotSettings settings)
    {
        var credential = BotCredentials.ForGraph(settings);
        IAuthenticationProvider auth = credential is null || settings.GraphBaseUrl.IsLoopback
            ? new AnonymousAuthenticationProvider()
            : new AzureIdentityAuthenticationProvider(credential, [settings.GraphBaseUrl.Host], scopes: [$"{settings.GraphBaseUrl.GetLeftPart(UriPartial.Authority)}/.default"]);
        return new GraphServiceClient(http, auth, settings.GraphBaseUrl.ToString());
    }
}
