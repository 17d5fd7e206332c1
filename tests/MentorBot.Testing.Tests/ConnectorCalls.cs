using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace MentorBot.Testing.Tests;

/// <summary>Connector REST calls made by hand, as a bot would make them, with ids escaped in the path.</summary>
internal sealed class ConnectorCalls(HttpClient http, string serviceUrl)
{
    public Task<HttpResponseMessage> SendAsync(string conversationId, JsonObject activity) =>
        SendAsync(HttpMethod.Post, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity);

    public Task<HttpResponseMessage> ReplyAsync(string conversationId, string activityId, JsonObject activity) =>
        SendAsync(HttpMethod.Post, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity);

    public Task<HttpResponseMessage> UpdateAsync(string conversationId, string activityId, JsonObject activity) =>
        SendAsync(HttpMethod.Put, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity);

    public Task<HttpResponseMessage> DeleteAsync(string conversationId, string activityId) =>
        SendAsync(HttpMethod.Delete, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", body: null);

    public Task<HttpResponseMessage> CreateAsync(JsonObject parameters) => SendAsync(HttpMethod.Post, "v3/conversations", parameters);

    public Task<HttpResponseMessage> GetMemberAsync(string conversationId, string memberId) =>
        SendAsync(HttpMethod.Get, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/members/{Uri.EscapeDataString(memberId)}", body: null);

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(serviceUrl + relative))
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", "bot-token");
        return await http.SendAsync(request);
    }
}
