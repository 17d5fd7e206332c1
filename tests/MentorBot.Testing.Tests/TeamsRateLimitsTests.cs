using System.Net;
using System.Text.Json.Nodes;

namespace MentorBot.Testing.Tests;

public sealed class TeamsRateLimitsTests : IAsyncLifetime
{
    private readonly HttpClient _http = SharedHttp.Client;
    private TeamsChannelStandIn _channel = null!;
    private ConnectorCalls _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await TeamsChannelStandIn.StartAsync();
        _bot = new ConnectorCalls(_http, _channel.ServiceUrl);
    }

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    private static JsonObject Message(int i) => new() { ["type"] = "message", ["text"] = "m" + i };

    [Fact]
    public async Task The_eighth_send_to_one_conversation_within_a_second_is_throttled_with_retry_after_and_others_are_not()
    {
        _channel.EnforceRateLimits(new TeamsRateLimits());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await _bot.SendAsync("a:one", Message(i))).StatusCode);
        }

        var other = await _bot.SendAsync("a:two", Message(99));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 7).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var throttled = _channel.Calls.Single(c => c.StatusCode == 429);
        Assert.Equal(7, _channel.ActivitiesSentTo("a:one").Count);
        Assert.True(throttled.InjectedFault);
    }

    [Fact]
    public async Task Every_nth_call_within_the_limits_is_answered_429_with_retry_after()
    {
        _channel.EnforceRateLimits(new TeamsRateLimits { ThrottleEveryNth = 3 });
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await _bot.SendAsync("a:conversation-" + i, Message(i)));
        }

        Assert.Equal([201, 201, 429, 201, 201, 429], answers.Select(a => (int)a.StatusCode));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests), a => Assert.Equal(TimeSpan.FromSeconds(1), a.Headers.RetryAfter?.Delta));
    }

    [Fact]
    public async Task Calls_over_the_tenant_limit_in_a_second_are_throttled_across_conversations()
    {
        _channel.EnforceRateLimits(new TeamsRateLimits { TenantPerSecond = 5 });
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((int)(await _bot.SendAsync("a:tenant-" + i, Message(i))).StatusCode);
        }

        Assert.Equal([201, 201, 201, 201, 201, 429], statuses);
    }

    [Fact]
    public async Task Without_limits_the_stand_in_admits_every_send()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((int)(await _bot.SendAsync("a:one", Message(i))).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(201, s));
    }
}
