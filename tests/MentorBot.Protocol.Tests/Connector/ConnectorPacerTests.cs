using MentorBot.Protocol.Connector;
using Microsoft.Extensions.Time.Testing;

namespace MentorBot.Protocol.Tests.Connector;

public sealed class ConnectorPacerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessThrottleMarkers _markers = new();
    private readonly List<(string Tenant, string Conversation, SendLane Lane, DateTimeOffset At)> _sent = [];

    private const int Limit = PacingOptions.DefaultTenantRequestsPerSecond;

    private ConnectorPacer NewInstance(IInstanceShare? share = null) => new(new PacingOptions(), new ThrottlePauses(_markers, _time), _time, share);

    private Task Send(ConnectorPacer pacer, string tenant, string conversation, SendLane lane = SendLane.Background) =>
        Task.Run(async () =>
        {
            await pacer.WaitForTurnAsync(tenant, conversation, lane, CancellationToken.None);
            lock (_sent)
            {
                _sent.Add((tenant, conversation, lane, _time.GetUtcNow()));
            }
        });

    /// <summary>Moves the fake clock on in steps, letting woken senders run between steps.</summary>
    private async Task RunFor(TimeSpan duration, TimeSpan step)
    {
        await Task.Delay(20);
        for (var passed = TimeSpan.Zero; passed < duration; passed += step)
        {
            _time.Advance(step);
            await Task.Delay(3);
        }
    }

    private int MostInAnyWindow(Func<(string Tenant, string Conversation, SendLane Lane, DateTimeOffset At), bool> which, TimeSpan window)
    {
        var times = _sent.Where(which).Select(s => s.At).Order().ToList();
        return times.Select((start, i) => times.Skip(i).Count(t => t < start + window)).DefaultIfEmpty(0).Max();
    }

    [Fact]
    public async Task Two_tenants_at_once_each_get_their_own_limit()
    {
        var pacer = NewInstance();
        var sends = Enumerable.Range(0, 90).SelectMany(i => new[] { Send(pacer, "A", $"a{i}"), Send(pacer, "B", $"b{i}") }).ToList();

        await RunFor(TimeSpan.FromSeconds(2.5), TimeSpan.FromMilliseconds(10));

        Assert.All(sends, s => Assert.True(s.IsCompleted));
        foreach (var tenant in new[] { "A", "B" })
        {
            // 90 calls need two windows of the limit each, whatever the other tenant does.
            Assert.True(MostInAnyWindow(s => s.Tenant == tenant, TimeSpan.FromSeconds(1)) <= Limit);
            Assert.Equal(Limit, _sent.Count(s => s.Tenant == tenant && s.At < _time.GetUtcNow() - TimeSpan.FromSeconds(1.5)));
        }
    }

    [Fact]
    public async Task A_429_in_one_tenant_pauses_only_that_tenant()
    {
        var pacer = NewInstance();
        // 429s of two conversations of a quiet tenant within a second pause the tenant (PauseReachRule).
        var pauses = new ThrottlePauses(_markers, _time);
        await pauses.PauseAsync("A", "a:x", TimeSpan.FromSeconds(3), CancellationToken.None);
        Assert.Equal(PauseReach.Tenant, await pauses.PauseAsync("A", "a:y", TimeSpan.FromSeconds(3), CancellationToken.None));
        var sends = Enumerable.Range(0, 20).SelectMany(i => new[] { Send(pacer, "A", $"a{i}"), Send(pacer, "B", $"b{i}") }).ToList();

        await RunFor(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20));
        Assert.Equal(20, _sent.Count(s => s.Tenant == "B"));
        Assert.Equal(0, _sent.Count(s => s.Tenant == "A"));

        await RunFor(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20));
        Assert.Equal(20, _sent.Count(s => s.Tenant == "A"));
        Assert.All(sends, s => Assert.True(s.IsCompleted));
    }

    [Fact]
    public async Task A_429_in_one_conversation_pauses_that_conversation_and_not_the_rest_of_its_tenant()
    {
        var pauses = new ThrottlePauses(_markers, _time);
        var pacer = new ConnectorPacer(new PacingOptions(), pauses, _time);
        Assert.Equal(PauseReach.Conversation, await pauses.PauseAsync("A", "a0", TimeSpan.FromSeconds(3), CancellationToken.None));
        var held = Enumerable.Range(0, 3).Select(_ => Send(pacer, "A", "a0")).ToList();
        var others = Enumerable.Range(1, 20).Select(i => Send(pacer, "A", $"a{i}")).ToList();

        await RunFor(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20));
        Assert.All(others, s => Assert.True(s.IsCompleted));
        Assert.DoesNotContain(_sent, s => s.Conversation == "a0");

        await RunFor(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20));
        Assert.All(held, s => Assert.True(s.IsCompleted));
    }

    [Fact]
    public async Task Two_conversations_throttled_within_a_second_pause_the_whole_tenant()
    {
        var pauses = new ThrottlePauses(_markers, _time);
        var pacer = new ConnectorPacer(new PacingOptions(), pauses, _time);
        await pauses.PauseAsync("A", "a0", TimeSpan.FromSeconds(5), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(PauseReach.Tenant, await pauses.PauseAsync("A", "a1", TimeSpan.FromSeconds(5), CancellationToken.None));
        var sends = Enumerable.Range(2, 20).Select(i => Send(pacer, "A", $"a{i}")).ToList();

        await RunFor(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20));
        Assert.Empty(_sent);
        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            pacer.WaitForTurnAsync("A", "a99", SendLane.Background, canComeBackLater: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(ex.HoldsTenant);

        await RunFor(TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(20));
        Assert.All(sends, s => Assert.True(s.IsCompleted));
    }

    [Fact]
    public async Task With_two_live_instances_each_paces_a_tenant_at_half_the_limit()
    {
        var pacer = NewInstance(new FixedShare(2));
        var sends = Enumerable.Range(0, 60).Select(i => Send(pacer, "A", $"a{i}")).ToList();

        await RunFor(TimeSpan.FromSeconds(3.5), TimeSpan.FromMilliseconds(10));

        Assert.All(sends, s => Assert.True(s.IsCompleted));
        Assert.Equal(Limit / 2, pacer.TenantLimit);
        Assert.Equal(Limit / 2, MostInAnyWindow(s => s.Tenant == "A", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_call_counts_in_the_tenants_second_until_it_is_answered()
    {
        var pacer = NewInstance();
        var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = Enumerable.Range(0, Limit).Select(i => pacer.SendPacedAsync(Request("A", $"a{i}"), () => answer.Task, CancellationToken.None)).ToList();
        var next = Send(pacer, "A", "next");

        // Teams counts a call when it arrives, which may be as late as its answer: a limit of unanswered calls fills the second.
        await RunFor(TimeSpan.FromSeconds(1.5), TimeSpan.FromMilliseconds(20));
        Assert.False(next.IsCompleted);
        var answeredAt = _time.GetUtcNow();
        answer.SetResult(new HttpResponseMessage(System.Net.HttpStatusCode.Created));
        await Task.WhenAll(slow);

        await RunFor(TimeSpan.FromSeconds(1.2), TimeSpan.FromMilliseconds(20));
        Assert.True(next.IsCompleted);
        Assert.True(_sent.Single().At >= answeredAt + TimeSpan.FromSeconds(1));
    }

    private static HttpRequestMessage Request(string tenant, string conversation)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"https://smba.trafficmanager.net/teams/v3/conversations/{conversation}/activities");
        request.Options.Set(ConnectorPacer.TenantOption, tenant);
        return request;
    }

    private sealed class FixedShare(int live) : IInstanceShare
    {
        public int LiveInstances => live;
    }

    [Fact]
    public async Task Two_instances_sharing_the_markers_both_hold_back_after_a_429_within_a_second()
    {
        var first = NewInstance();
        var second = NewInstance();
        await Send(second, "A", "warm-up").WaitAsync(TimeSpan.FromSeconds(5));

        // The first instance meets tenant-wide 429s; the second cached "not paused" and must learn it within CacheFor.
        var pauses = new ThrottlePauses(_markers, _time);
        await pauses.PauseAsync("A", "a:x", TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(PauseReach.Tenant, await pauses.PauseAsync("A", "a:y", TimeSpan.FromSeconds(5), CancellationToken.None));
        var sends = Enumerable.Range(0, 30).SelectMany(i => new[] { Send(first, "A", $"x{i}"), Send(second, "A", $"y{i}") }).ToList();
        await RunFor(TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(20));

        var start = _time.GetUtcNow() - TimeSpan.FromSeconds(4);
        Assert.DoesNotContain(_sent, s => s.Conversation != "warm-up" && s.At > start + ThrottlePauses.CacheFor);
        await RunFor(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(20));
        Assert.All(sends, s => Assert.True(s.IsCompleted));
        Assert.True(MostInAnyWindow(s => s.Tenant == "A", TimeSpan.FromSeconds(1)) <= Limit + 1);
    }

    [Fact]
    public async Task One_conversation_stays_within_every_sliding_window_Teams_counts()
    {
        var pacer = NewInstance();
        var sends = Enumerable.Range(0, 70).Select(_ => Send(pacer, "A", "19:channel")).ToList();

        await RunFor(TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(50));

        Assert.Equal(70, _sent.Count);
        Assert.True(MostInAnyWindow(_ => true, TimeSpan.FromSeconds(1)) <= 7);
        Assert.True(MostInAnyWindow(_ => true, TimeSpan.FromSeconds(2)) <= 8);
        Assert.True(MostInAnyWindow(_ => true, TimeSpan.FromSeconds(30)) <= 60);
    }

    [Fact]
    public async Task Interactive_sends_go_first_and_background_keeps_its_share()
    {
        var pacer = NewInstance();
        var background = Enumerable.Range(0, 120).Select(i => Send(pacer, "A", $"fan{i}")).ToList();
        await RunFor(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10));
        var interactive = Enumerable.Range(0, 60).Select(i => Send(pacer, "A", $"click{i}", SendLane.Interactive)).ToList();

        await RunFor(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10));

        Assert.All(interactive, s => Assert.True(s.IsCompleted));
        var queuedAt = _sent.Where(s => s.Lane == SendLane.Interactive).Min(s => s.At);
        // The tenant second that starts with the first interactive send.
        var secondAfter = _sent.Where(s => s.At >= queuedAt && s.At < queuedAt + TimeSpan.FromSeconds(1)).ToList();
        Assert.True(secondAfter.Count(s => s.Lane == SendLane.Background) >= new PacingOptions().BackgroundShare);
        Assert.True(secondAfter.Count(s => s.Lane == SendLane.Interactive) > secondAfter.Count(s => s.Lane == SendLane.Background));
    }

    [Fact]
    public async Task A_call_that_can_come_back_later_is_told_when_instead_of_waiting_for_a_full_window()
    {
        var pacer = NewInstance();
        var start = _time.GetUtcNow();
        // 60 sends 0.4 s apart fill the conversation's 30-second window without touching its 1 s and 2 s ones.
        for (var i = 0; i < 60; i++)
        {
            await pacer.WaitForTurnAsync("A", "19:channel", SendLane.Background, CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(400));
        }

        var ex = await Assert.ThrowsAsync<ConnectorException>(
            () => pacer.WaitForTurnAsync("A", "19:channel", SendLane.Background, canComeBackLater: true, CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.True(ex.IsThrottled);
        Assert.Equal(ConnectorException.WindowsFullCode, ex.ErrorCode);
        Assert.Equal(start + TimeSpan.FromSeconds(30), ex.RetryAt);
        // Nothing was recorded for the refused call: another conversation of the tenant goes at once.
        await pacer.WaitForTurnAsync("A", "19:other", SendLane.Background, canComeBackLater: true, CancellationToken.None);
    }

    [Fact]
    public async Task A_short_wait_is_still_waited_out_by_a_call_that_can_come_back_later()
    {
        var pacer = NewInstance();
        for (var i = 0; i < 7; i++)
        {
            await pacer.WaitForTurnAsync("A", "19:channel", SendLane.Background, CancellationToken.None);
        }

        // The eighth in one second waits under the bound (less than a second), so it is not sent back.
        var eighth = pacer.WaitForTurnAsync("A", "19:channel", SendLane.Background, canComeBackLater: true, CancellationToken.None);
        await RunFor(TimeSpan.FromSeconds(1.1), TimeSpan.FromMilliseconds(20));

        await eighth.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/v3/conversations/a%3A1%3Bmessageid%3D5/activities/5", "a:1;messageid=5")]
    [InlineData("https://smba.trafficmanager.net/amer/v3/conversations", null)]
    public void The_conversation_is_read_from_the_path(string url, string? conversation) =>
        Assert.Equal(conversation, ConnectorPacer.ConversationOf(new Uri(url)));
}
