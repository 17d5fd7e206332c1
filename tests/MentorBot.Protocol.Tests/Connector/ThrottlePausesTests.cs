using MentorBot.Protocol.Connector;
using Microsoft.Extensions.Time.Testing;

namespace MentorBot.Protocol.Tests.Connector;

/// <summary>How pauses reach the marker store: cached reads, writes only when a pause lengthens, and a failing store.</summary>
public sealed class ThrottlePausesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_tenant_is_read_from_the_store_at_most_once_a_second_however_many_calls_ask()
    {
        var store = new CountingStore();
        var pauses = new ThrottlePauses(store, _time);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => pauses.OfTenantAsync("A", default)));
        _time.Advance(TimeSpan.FromMilliseconds(999));
        await pauses.OfTenantAsync("A", default);
        Assert.Equal(1, store.Reads);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await pauses.OfTenantAsync("A", default);
        await pauses.OfTenantAsync("B", default);
        Assert.Equal(3, store.Reads);
    }

    [Fact]
    public async Task A_pause_is_written_only_when_it_lengthens_what_is_known()
    {
        var store = new CountingStore();
        var pauses = new ThrottlePauses(store, _time);

        await pauses.PauseAsync("A", "a:1", TimeSpan.FromSeconds(5), default);
        await pauses.PauseAsync("A", "a:1", TimeSpan.FromSeconds(3), default);
        Assert.Equal(1, store.Writes);

        await pauses.PauseAsync("A", "a:1", TimeSpan.FromSeconds(6), default);
        Assert.Equal(2, store.Writes);
        var stored = await store.ReadPausesAsync("A", _time.GetUtcNow(), default);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(6), stored.Of(TenantPauses.KeyOf("a:1")));
        Assert.Null(stored.Tenant);
    }

    [Fact]
    public async Task A_lone_creates_429_of_a_busy_tenant_pauses_nothing_and_writes_nothing()
    {
        var store = new CountingStore();
        var pauses = new ThrottlePauses(store, _time);

        Assert.Equal(PauseReach.Conversation, await pauses.PauseAsync("A", null, TimeSpan.FromSeconds(5), tenantCallsInLastSecond: 40, default));

        Assert.Equal(0, store.Writes);
        var known = await pauses.OfTenantAsync("A", default);
        Assert.Null(known.Tenant);
        Assert.Empty(known.Conversations);
    }

    [Fact]
    public async Task A_failing_store_neither_breaks_sending_nor_loses_this_instances_pause()
    {
        var pauses = new ThrottlePauses(new FailingStore(), _time);

        await pauses.PauseAsync("A", "a:1", TimeSpan.FromSeconds(4), default);
        Assert.Equal(PauseReach.Tenant, await pauses.PauseAsync("A", "a:2", TimeSpan.FromSeconds(4), default));
        var known = await pauses.OfTenantAsync("A", default);

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(4), known.Tenant);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(2), (await pauses.OfTenantAsync("A", default)).Tenant);
    }

    private sealed class CountingStore : IThrottleMarkerStore
    {
        private readonly InProcessThrottleMarkers _inner = new();

        public int Reads;
        public int Writes;

        public Task<TenantPauses> ReadPausesAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Reads);
            return _inner.ReadPausesAsync(tenantId, now, cancellationToken);
        }

        public Task WritePauseAsync(string tenantId, string? conversationKey, DateTimeOffset until, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Writes);
            return _inner.WritePauseAsync(tenantId, conversationKey, until, cancellationToken);
        }
    }

    private sealed class FailingStore : IThrottleMarkerStore
    {
        public Task<TenantPauses> ReadPausesAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken) =>
            throw new HttpRequestException("storage is down");

        public Task WritePauseAsync(string tenantId, string? conversationKey, DateTimeOffset until, CancellationToken cancellationToken) =>
            throw new HttpRequestException("storage is down");
    }
}
