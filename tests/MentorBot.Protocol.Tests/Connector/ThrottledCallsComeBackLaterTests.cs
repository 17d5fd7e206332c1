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

    private static async Task<ConnectorException> SendLaterAsync(ConnectorClient client, string conversation = "a:1")
    {
        using var later = ConnectorThrottle.ComeBackLater();
        return await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ServiceUrl, conversation, Message(), default));
    }

    private static async Task<ConnectorException> CreateLaterAsync(ConnectorClient client, string member)
    {
        using var later = ConnectorThrottle.ComeBackLater();
        return await Assert.ThrowsAsync<ConnectorException>(() => client.CreatePersonalConversationAsync(ServiceUrl, Tenant, member, null, default));
    }

    [Fact]
    public async Task A_429_in_one_conversation_leaves_the_tenants_other_conversations_sending()
    {
        var handler = new RecordingHandler().Then(HttpStatusCode.TooManyRequests, Throttled, TimeSpan.FromSeconds(30));
        var (client, provider) = Create(handler);
        using var _ = provider;
        await SendLaterAsync(client, "a:1");

        using (ConnectorThrottle.ComeBackLater())
        {
            await client.SendAsync(ServiceUrl, "a:2", Message(), default);
        }

        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("a%3A2", handler.Requests[1].Uri.AbsoluteUri, StringComparison.Ordinal);
        var held = await SendLaterAsync(client, "a:1");
        Assert.False(held.HoldsTenant);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_lone_429_on_creating_a_conversation_holds_that_call_and_not_the_tenant()
    {
        // Teams limits creates per thread as well (protocol.md C): one refused create is that chat's, not the tenant's.
        var handler = new RecordingHandler().Then(HttpStatusCode.TooManyRequests, Throttled, TimeSpan.FromSeconds(30));
        var (client, provider) = Create(handler);
        using var _ = provider;
        var create = await CreateLaterAsync(client, "29:someone");
        Assert.True(create.IsThrottled);
        Assert.False(create.HoldsTenant);

        await client.SendAsync(ServiceUrl, "a:2", Message(), default);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Two_creates_refused_within_a_second_pause_the_whole_tenant()
    {
        var handler = new RecordingHandler()
            .Then(HttpStatusCode.TooManyRequests, Throttled, TimeSpan.FromSeconds(30))
            .Then(HttpStatusCode.TooManyRequests, Throttled, TimeSpan.FromSeconds(30));
        var (client, provider) = Create(handler);
        using var _ = provider;
        Assert.False((await CreateLaterAsync(client, "29:someone")).HoldsTenant);
        Assert.True((await CreateLaterAsync(client, "29:someone-else")).HoldsTenant);

        var held = await SendLaterAsync(client, "a:2");

        Assert.True(held.HoldsTenant);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Throttled_in_two_conversations_within_a_second_the_tenant_is_paused()
    {
        var handler = new RecordingHandler()
            .Then(HttpStatusCode.TooManyRequests, Throttled, TimeSpan.FromSeconds(30))
            .Then(HttpStatusCode.TooManyRequests, Throttled, TimeSpan.FromSeconds(30));
        var (client, provider) = Create(handler);
        using var _ = provider;
        Assert.False((await SendLaterAsync(client, "a:1")).HoldsTenant);
        Assert.True((await SendLaterAsync(client, "a:2")).HoldsTenant);

        var held = await SendLaterAsync(client, "a:3");

        Assert.True(held.HoldsTenant);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_429_with_Retry_After_in_seconds_comes_back_at_once_with_its_time_and_pauses_the_conversation()
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
        // One conversation's 429 pauses that conversation, not the tenant (PauseReachRule).
        Assert.False(ex.HoldsTenant);
        var pauses = await provider.GetRequiredService<IThrottleMarkerStore>().ReadPausesAsync(Tenant, before, default);
        Assert.Null(pauses.Tenant);
        Assert.InRange(pauses.Of(TenantPauses.KeyOf("a:1"))!.Value, before + TimeSpan.FromSeconds(7), after + TimeSpan.FromSeconds(7));
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
        var pauses = await provider.GetRequiredService<IThrottleMarkerStore>().ReadPausesAsync(Tenant, DateTimeOffset.UtcNow, default);
        Assert.Equal(date, pauses.Of(TenantPauses.KeyOf("a:1"))!.Value, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_paused_conversation_sends_nothing_for_a_call_that_can_come_back_later_while_another_call_still_waits_its_turn()
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
