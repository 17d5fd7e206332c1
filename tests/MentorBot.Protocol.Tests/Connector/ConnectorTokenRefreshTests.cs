using System.Net;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Hosting;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace MentorBot.Protocol.Tests.Connector;

/// <summary>A 401 from the channel is the bot's token refused: one more try with a fresh token, never a Polly retry loop.</summary>
public sealed class ConnectorTokenRefreshTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/teams/";

    private static (ConnectorClient Client, ServiceProvider Provider) Create(RecordingHandler handler, IBotTokenProvider tokens)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBotProtocol(new ChannelAuthenticationOptions(), new BotEndpointOptions());
        services.AddSingleton(tokens);
        services.AddHttpClient(ConnectorClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<ConnectorClient>(), provider);
    }

    private static Mock<IBotTokenProvider> Tokens()
    {
        var tokens = new Mock<IBotTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("old");
        tokens.Setup(t => t.RefreshAsync("old", It.IsAny<CancellationToken>())).ReturnsAsync("new");
        return tokens;
    }

    [Fact]
    public async Task A_refused_token_is_refreshed_and_the_message_sent_with_the_new_one()
    {
        var handler = new RecordingHandler().Then(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"token expired\"}}")
            .Then(HttpStatusCode.Created, "{\"id\":\"7\"}");
        var tokens = Tokens();
        var (client, provider) = Create(handler, tokens.Object);
        using var _ = provider;

        var sent = await client.SendAsync(ServiceUrl, "a:1", Activity.CreateMessage("hi"), default);

        Assert.Equal("7", sent.Id);
        Assert.Equal(["Bearer old", "Bearer new"], handler.Requests.Select(r => r.Authorization));
        Assert.All(handler.Requests, r => Assert.Contains("\"hi\"", r.Body, StringComparison.Ordinal));
        tokens.Verify(t => t.RefreshAsync("old", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_token_refused_twice_is_reported_as_refused_not_as_an_unreachable_person_and_not_retried_further()
    {
        var handler = new RecordingHandler().Then(HttpStatusCode.Unauthorized).Then(HttpStatusCode.Unauthorized).Then(HttpStatusCode.Created);
        var (client, provider) = Create(handler, Tokens().Object);
        using var _ = provider;

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, "a:1", Activity.CreateMessage("hi"), default));

        Assert.True(ex.IsTokenRefused);
        Assert.False(ex.IsPermanent);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Without_a_credential_a_401_is_answered_as_it_came_with_no_second_call()
    {
        var handler = new RecordingHandler().Then(HttpStatusCode.Unauthorized).Then(HttpStatusCode.Created);
        var services = new ServiceCollection();
        services.AddBotProtocol(new ChannelAuthenticationOptions(), new BotEndpointOptions());
        services.AddHttpClient(ConnectorClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        using var provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            provider.GetRequiredService<ConnectorClient>().SendAsync(ServiceUrl, "a:1", Activity.CreateMessage("hi"), default));

        Assert.True(ex.IsTokenRefused);
        Assert.Single(handler.Requests);
    }
}
