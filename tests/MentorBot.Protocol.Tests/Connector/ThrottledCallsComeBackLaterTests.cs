using System.Net;
using System.Net.Http.Headers;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Hosting;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Protocol.Tests.Connector;

/// <summary>
/// Calls made inside <see cref="ConnectorThrottle.ComeBackLater"/>, through the real handler chain of
/// <see cref="BotProtocolServiceCollectionExtensions.AddBotProtocol"/> (retry, pacer, token refresh) with a stub
/// behind it: a 429 comes back at once as "throttled until T", and a paused tenant is not called at all.
/// </summary>
public sealed class ThrottledCallsComeBackLaterTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/teams/";
    private const string Tenant = "tenant-1";
    private const string Throttled = "{\"error\":{\"code\":\"Throttled\",\"message\":\"Too many requests\"}}";

    private static (ConnectorClient Client, ServiceProvider Provider) Create(RecordingHandler handler)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBotProtocol(new ChannelAuthenticationOptions(), new BotEndpointOptions());
        services.AddHttpClient(ConnectorClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<ConnectorClient>(), provider);
    }

    private static Activity Message() => new()
    {
        Type = ActivityTypes.Message,
        Text = "hi",
        Conversation = new ConversationAccount { Id = "a:1", TenantId = Tenant },
    };

    private static async Task<ConnectorException> SendLaterAsync(ConnectorClient client)
    {
        using var later = ConnectorThrottle.ComeBackLater();
        return await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, "a:1", Message(), default));
    }

    [Fact]
    public async Task A_429_with_Retry_After_in_seconds_comes_back_at_once_with_its_time_and_pauses_the_tenant()
    {
        var handler = new RecordingHandler().Then(HttpStatusCode.TooManyRequests, Throttled, TimeSpan.FromSeconds(7));
        var (client, provider) = Create(handler);
        using var _ = provider;

        var before = DateTimeOffset.UtcNow;
        var ex = await SendLaterAsync(client);
        var after = DateTimeOffset.UtcNow;

        Assert.True(ex.IsThrottled);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.InRange(ex.RetryAt!.Value, before + TimeSpan.FromSeconds(7), after + TimeSpan.FromSeconds(7));
        // Not retried in place: the caller has it back after the one attempt.
        Assert.Single(handler.Requests);
        var pause = await provider.GetRequiredService<IThrottleMarkerStore>().ReadPauseAsync(Tenant, default);
        Assert.InRange(pause!.Value, before + TimeSpan.FromSeconds(7), after + TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task A_429_with_Retry_After_as_an_HTTP_date_comes_back_at_that_date()
    {
        var date = DateTimeOffset.UtcNow.AddSeconds(30);
        date = new DateTimeOffset(date.Year, date.Month, date.Day, date.Hour, date.Minute, date.Second, TimeSpan.Zero);
        var handler = new RecordingHandler().Then(HttpStatusCode.TooManyRequests, Throttled, new RetryConditionHeaderValue(date));
        var (client, provider) = Create(handler);
        using var _ = provider;

        var ex = await SendLaterAsync(client);

        Assert.Equal(date, ex.RetryAt);
        Assert.Single(handler.Requests);
        // The pacer turns the date into a delay and back on its own reading of the clock: equal within a moment.
        var pause = await provider.GetRequiredService<IThrottleMarkerStore>().ReadPauseAsync(Tenant, default);
        Assert.Equal(date, pause!.Value, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_paused_tenant_sends_nothing_for_a_call_that_can_come_back_later_while_another_call_still_waits_its_turn()
    {
        var handler = new RecordingHandler()
            .Then(HttpStatusCode.TooManyRequests, Throttled, TimeSpan.FromSeconds(2))
            .Then(HttpStatusCode.Created, "{\"id\":\"9\"}");
        var (client, provider) = Create(handler);
        using var _ = provider;
        var first = await SendLaterAsync(client);

        var second = await SendLaterAsync(client);

        Assert.True(second.IsThrottled);
        Assert.Equal(first.RetryAt!.Value, second.RetryAt!.Value, TimeSpan.FromMilliseconds(50));
        Assert.Single(handler.Requests);

        // A call that cannot come back later (a lookup inside a turn) waits out the pause and is sent, as before.
        var waiting = client.SendAsync(ServiceUrl, "a:1", Message(), default);
        Assert.False(waiting.IsCompleted);
        Assert.Single(handler.Requests);
        Assert.Equal("9", (await waiting).Id);
        Assert.True(DateTimeOffset.UtcNow >= first.RetryAt);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_call_that_cannot_come_back_later_still_retries_a_429_in_place()
    {
        var handler = new RecordingHandler()
            .Then(HttpStatusCode.TooManyRequests, Throttled, TimeSpan.FromMilliseconds(1))
            .Then(HttpStatusCode.Created, "{\"id\":\"9\"}");
        var (client, provider) = Create(handler);
        using var _ = provider;

        var result = await client.SendAsync(ServiceUrl, "a:1", Message(), default);

        Assert.Equal("9", result.Id);
        Assert.Equal(2, handler.Requests.Count);
    }
}
