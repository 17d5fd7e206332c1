using System.Net;
using System.Text.Json;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Hosting;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace MentorBot.Protocol.Tests.Connector;

public sealed class ConnectorClientTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/teams/";

    private static (ConnectorClient Client, ServiceProvider Provider) Create(RecordingHandler handler, IBotTokenProvider? tokens = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBotProtocol(new ChannelAuthenticationOptions(), new BotEndpointOptions());
        if (tokens is not null)
        {
            services.AddSingleton(tokens);
        }

        services.AddHttpClient(ConnectorClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<ConnectorClient>(), provider);
    }

    [Theory]
    [InlineData("https://attacker.example/teams/")]
    [InlineData("https://smba.trafficmanager.net.attacker.example/teams/")]
    [InlineData("http://smba.trafficmanager.net/teams/")]
    [InlineData("https://smba.trafficmanager.net:8443/teams/")]
    [InlineData("http://127.0.0.1:5000/teams/")]
    public async Task The_token_never_goes_to_a_host_that_is_not_a_Teams_host(string serviceUrl)
    {
        var handler = new RecordingHandler().Then(HttpStatusCode.Created, "{\"id\":\"42\"}");
        var tokens = new Mock<IBotTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("abc");
        var (client, provider) = Create(handler, tokens.Object);
        using var _ = provider;

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => client.SendAsync(serviceUrl, "a:1", Activity.CreateMessage("hi"), default));

        Assert.Empty(handler.Requests);
        tokens.Verify(t => t.GetTokenAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Sends_to_the_conversation_path_with_an_escaped_id_and_the_bearer_token()
    {
        var handler = new RecordingHandler().Then(HttpStatusCode.Created, "{\"id\":\"42\"}");
        var tokens = new Mock<IBotTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("abc");
        var (client, provider) = Create(handler, tokens.Object);
        using var _ = provider;

        var result = await client.SendAsync(ServiceUrl, "19:chat@thread.v2;messageid=7", Activity.CreateMessage("hi"), default);

        Assert.Equal("42", result.Id);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://smba.trafficmanager.net/teams/v3/conversations/19%3Achat%40thread.v2%3Bmessageid%3D7/activities", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer abc", request.Authorization);
        Assert.Equal("hi", JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Without_a_credential_calls_carry_no_authorization_header()
    {
        var handler = new RecordingHandler();
        var (client, provider) = Create(handler);
        using var _ = provider;

        await client.SendAsync(ServiceUrl, "a:1", Activity.CreateMessage("hi"), default);

        Assert.Null(Assert.Single(handler.Requests).Authorization);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_delay_the_channel_asks_for()
    {
        var handler = new RecordingHandler()
            .Then(HttpStatusCode.TooManyRequests, "{\"error\":{\"code\":\"Throttled\",\"message\":\"slow down\"}}", TimeSpan.FromMilliseconds(1))
            .Then(HttpStatusCode.ServiceUnavailable, "{}")
            .Then(HttpStatusCode.Created, "{\"id\":\"9\"}");
        var (client, provider) = Create(handler);
        using var _ = provider;

        var result = await client.SendAsync(ServiceUrl, "a:1", Activity.CreateMessage("hi"), default);

        Assert.Equal("9", result.Id);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task A_blocked_bot_is_reported_with_the_channels_error_code_and_not_retried()
    {
        var handler = new RecordingHandler()
            .Then(HttpStatusCode.Forbidden, "{\"error\":{\"code\":\"ConversationBlockedByUser\",\"message\":\"User blocked the conversation with the bot.\"}}");
        var (client, provider) = Create(handler);
        using var _ = provider;

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, "a:1", Activity.CreateMessage("hi"), default));

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("ConversationBlockedByUser", ex.ErrorCode);
        Assert.True(ex.IsPermanent);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        var handler = new RecordingHandler();
        for (var i = 0; i < 10; i++)
        {
            handler.Then(HttpStatusCode.TooManyRequests, "{}", TimeSpan.FromMilliseconds(1));
        }

        var (client, provider) = Create(handler);
        using var _ = provider;

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, "a:1", Activity.CreateMessage("hi"), default));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(6, handler.Requests.Count);
    }

    [Fact]
    public async Task Update_replaces_the_activity_by_id_and_create_conversation_posts_parameters()
    {
        var handler = new RecordingHandler()
            .Then(HttpStatusCode.OK, "{\"id\":\"5\"}")
            .Then(HttpStatusCode.Created, "{\"id\":\"a:personal\"}")
            .Then(HttpStatusCode.Created, "{\"id\":\"19:c@thread.tacv2;messageid=77\",\"activityId\":\"77\"}")
            .Then(HttpStatusCode.OK, "{\"id\":\"29:1\",\"objectId\":\"aad-1\",\"name\":\"Ana\"}")
            .Then(HttpStatusCode.OK, string.Empty);
        var (client, provider) = Create(handler);
        using var _ = provider;

        await client.UpdateAsync(ServiceUrl, "a:1", "5", Activity.CreateMessage("new"), default);
        var personal = await client.CreatePersonalConversationAsync(ServiceUrl, "tenant-1", "29:1", "28:bot", default);
        var thread = await client.StartChannelThreadAsync(ServiceUrl, "tenant-1", "19:c@thread.tacv2", Activity.CreateMessage("alert"), default);
        var member = await client.GetMemberAsync(ServiceUrl, "a:1", "aad-1", default);
        await client.DeleteAsync(ServiceUrl, "a:1", "5", default);

        Assert.Equal(HttpMethod.Put, handler.Requests[0].Method);
        Assert.EndsWith("/v3/conversations/a%3A1/activities/5", handler.Requests[0].Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("a:personal", personal.Id);
        var create = JsonDocument.Parse(handler.Requests[1].Body).RootElement;
        Assert.Equal("29:1", create.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal("tenant-1", create.GetProperty("tenantId").GetString());
        Assert.Equal("77", thread.ActivityId);
        var threadBody = JsonDocument.Parse(handler.Requests[2].Body).RootElement;
        Assert.True(threadBody.GetProperty("isGroup").GetBoolean());
        Assert.Equal("19:c@thread.tacv2", threadBody.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("aad-1", member.EntraObjectId);
        Assert.Equal(HttpMethod.Delete, handler.Requests[4].Method);
    }
}
