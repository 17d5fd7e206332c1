using MentorBot.Infrastructure.Pacing;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Schema;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MentorBot.FaultTests;

/// <summary>
/// Two instances of the service on the same tables share one tenant's budget and the pauses after 429s
/// (issue #17 item 3): the heartbeat rows of <see cref="LiveInstanceCount"/> and the markers of <see cref="TablePauseMarkers"/>.
/// </summary>
public sealed class SharedPacingTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    // Teams' limit per bot and tenant in any second (protocol.md C, "Rate limiting for bots").
    private const int TeamsTenantLimit = 50;
    private static readonly TimeSpan PauseFor = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 90_000)]
    public async Task Two_instances_sending_to_one_tenant_together_stay_within_its_limit()
    {
        await using var channel = await TeamsChannelStandIn.StartAsync();
        var (first, second) = await StartTwoAsync(channel);
        await using var _ = first;
        await using var __ = second;

        const int PerInstance = 110;
        var sends = new[] { first, second }.SelectMany((host, h) =>
        {
            var client = host.Services.GetRequiredService<ConnectorClient>();
            return Enumerable.Range(0, PerInstance).Select(i => Task.Run(() =>
                client.SendAsync(channel.ServiceUrl, $"19:chat-{h}-{i}@thread.v2", Message($"19:chat-{h}-{i}@thread.v2"), CancellationToken.None)));
        }).ToList();
        await Task.WhenAll(sends);

        var arrivals = channel.Calls.Where(c => c.Succeeded).Select(c => c.ReceivedAt).Order().ToList();
        var peak = MostInAnySecond(arrivals);
        var span = arrivals[^1] - arrivals[0];
        output.WriteLine($"{arrivals.Count} calls from 2 instances in {span.TotalSeconds:F1} s; peak in any sliding 1 s window at the channel: {peak} (Teams allows {TeamsTenantLimit})");

        output.WriteLine($"each instance paces the tenant at {first.Services.GetRequiredService<ConnectorPacer>().TenantLimit}/s");
        Assert.Equal(2 * PerInstance, arrivals.Count);
        Assert.True(peak <= TeamsTenantLimit, $"{peak} calls of one tenant reached the channel within one second.");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_conversation_paused_by_one_instance_is_held_by_the_other_while_its_other_conversations_go()
    {
        await using var channel = await TeamsChannelStandIn.StartAsync();
        var (first, second) = await StartTwoAsync(channel);
        await using var _ = first;
        await using var __ = second;
        var client1 = first.Services.GetRequiredService<ConnectorClient>();
        var client2 = second.Services.GetRequiredService<ConnectorClient>();
        const string Paused = "19:paused@thread.v2";
        // The second instance has read the tenant (nothing paused) before the first meets the 429.
        await client2.SendAsync(channel.ServiceUrl, "19:warm-up@thread.v2", Message("19:warm-up@thread.v2"), default);
        channel.FailNextSendsIn(Paused, 1, 429, PauseFor);

        var met = await SendLaterAsync(client1, channel.ServiceUrl, Paused);
        Assert.False(met.HoldsTenant);
        await LearnsOfAsync(second, TenantPauses.KeyOf(Paused), met.RetryAt!.Value);
        var held = await SendLaterAsync(client2, channel.ServiceUrl, Paused);
        using (ConnectorThrottle.ComeBackLater())
        {
            await client2.SendAsync(channel.ServiceUrl, "19:other@thread.v2", Message("19:other@thread.v2"), default);
        }

        Assert.True(held.IsThrottled);
        Assert.False(held.HoldsTenant);
        Assert.Equal(met.RetryAt!.Value, held.RetryAt!.Value, TimeSpan.FromMilliseconds(100));
        Assert.Single(channel.Calls, c => c.ConversationId == Paused);
        Assert.Single(channel.ActivitiesSentTo("19:other@thread.v2"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_tenant_paused_by_one_instance_is_held_by_the_other()
    {
        await using var channel = await TeamsChannelStandIn.StartAsync();
        var (first, second) = await StartTwoAsync(channel);
        await using var _ = first;
        await using var __ = second;
        var client2 = second.Services.GetRequiredService<ConnectorClient>();
        await client2.SendAsync(channel.ServiceUrl, "19:warm-up@thread.v2", Message("19:warm-up@thread.v2"), default);
        var callsBefore = channel.Calls.Count;
        // Two creates refused together, all of the first instance's calls in that second: the tenant's limit (PauseReachRule).
        channel.FailNext(2, 429, PauseFor);
        ConnectorException met;
        using (ConnectorThrottle.ComeBackLater())
        {
            var client1 = first.Services.GetRequiredService<ConnectorClient>();
            var lone = await Assert.ThrowsAsync<ConnectorException>(() =>
                client1.CreatePersonalConversationAsync(channel.ServiceUrl, FaultHost.TenantId, "29:someone", null, default));
            Assert.False(lone.HoldsTenant);
            met = await Assert.ThrowsAsync<ConnectorException>(() =>
                client1.CreatePersonalConversationAsync(channel.ServiceUrl, FaultHost.TenantId, "29:someone-else", null, default));
        }

        await LearnsOfAsync(second, null, met.RetryAt!.Value);
        var held = await SendLaterAsync(client2, channel.ServiceUrl, "19:any@thread.v2");

        Assert.True(met.HoldsTenant);
        Assert.True(held.HoldsTenant);
        Assert.Equal(met.RetryAt!.Value, held.RetryAt!.Value, TimeSpan.FromMilliseconds(100));
        Assert.Equal(callsBefore + 2, channel.Calls.Count);
    }

    private async Task<(FaultHost First, FaultHost Second)> StartTwoAsync(TeamsChannelStandIn channel)
    {
        var settings = FaultHost.Settings(channel, azurite.ConnectionString, azurite.NewTablePrefix());
        var first = new FaultHost(settings);
        var second = new FaultHost(settings);
        foreach (var host in new[] { first, second })
        {
            (await host.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        // Each beat at its start; the first started before the second's row existed, so it beats once more rather
        // than wait LiveInstanceCount.BeatEvery for its next.
        foreach (var host in new[] { first, second })
        {
            await host.Services.GetRequiredService<LiveInstanceCount>().BeatAsync(default);
        }

        Assert.All(new[] { first, second }, host => Assert.Equal(2, host.Services.GetRequiredService<IInstanceShare>().LiveInstances));
        return (first, second);
    }

    /// <summary>
    /// Waits until <paramref name="host"/> knows the pause another instance stored (key null: the tenant's). The store
    /// is read at most once per <see cref="ThrottlePauses.CacheFor"/> and a read or write slower than
    /// <see cref="ThrottlePauses.StoreTimeout"/> is given up, which on a loaded CI machine happens; so this asks
    /// again rather than trust one fixed delay. An instance that never reads the other's pause fails here.
    /// </summary>
    private static async Task LearnsOfAsync(FaultHost host, string? conversationKey, DateTimeOffset until)
    {
        var pauses = host.Services.GetRequiredService<ThrottlePauses>();
        var deadline = DateTimeOffset.UtcNow + PauseFor / 2;
        while (!((await pauses.OfTenantAsync(FaultHost.TenantId, default)).Of(conversationKey) is { } end && end >= until - TimeSpan.FromMilliseconds(100)))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The second instance never learnt of the pause the first stored.");
            await Task.Delay(ThrottlePauses.CacheFor / 4);
        }
    }

    private static async Task<ConnectorException> SendLaterAsync(ConnectorClient client, string serviceUrl, string conversation)
    {
        using var later = ConnectorThrottle.ComeBackLater();
        return await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(serviceUrl, conversation, Message(conversation), default));
    }

    private static Activity Message(string conversation) => new()
    {
        Type = ActivityTypes.Message,
        Text = "hello",
        Conversation = new ConversationAccount { Id = conversation, TenantId = FaultHost.TenantId },
    };

    private static int MostInAnySecond(List<DateTimeOffset> times)
    {
        var most = 0;
        for (int start = 0, end = 0; start < times.Count; start++)
        {
            while (end < times.Count && times[end] < times[start] + TimeSpan.FromSeconds(1))
            {
                end++;
            }

            most = Math.Max(most, end - start);
        }

        return most;
    }
}
