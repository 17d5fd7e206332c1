using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>Delivering an activity to the bot the way the channel does.</summary>
public static class BotRequestExtensions
{
    /// <summary>POSTs the activity as JSON, with <c>Authorization: Bearer</c> when a token is given.</summary>
    public static async Task<HttpResponseMessage> PostActivityAsync(
        this HttpClient client,
        JsonObject activity,
        string? bearerToken,
        string path = "/api/messages",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(activity);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.RelativeOrAbsolute))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
