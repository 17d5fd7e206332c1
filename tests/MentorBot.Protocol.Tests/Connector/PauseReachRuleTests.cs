using MentorBot.Protocol.Connector;

namespace MentorBot.Protocol.Tests.Connector;

public sealed class PauseReachRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly PauseReachRule _rule = new();

    [Fact]
    public void A_lone_429_of_a_create_reaches_only_that_call() =>
        // Teams limits creates per thread too (protocol.md C), so one refused create says nothing of the tenant.
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", null, Start, callsInLastSecond: 30));

    [Fact]
    public void Repeated_429s_of_one_conversation_reach_only_that_conversation()
    {
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start));
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start.AddMilliseconds(100)));
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start.AddMilliseconds(900)));
    }

    [Fact]
    public void A_429_of_a_second_conversation_within_a_second_of_a_quiet_tenant_reaches_the_tenant()
    {
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start, callsInLastSecond: 4));
        Assert.Equal(PauseReach.Tenant, _rule.ReachOf("A", "a:2", Start.AddMilliseconds(999), callsInLastSecond: 5));
    }

    [Fact]
    public void Two_creates_refused_within_a_second_of_a_quiet_tenant_reach_the_tenant()
    {
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", null, Start, callsInLastSecond: 3));
        Assert.Equal(PauseReach.Tenant, _rule.ReachOf("A", null, Start.AddMilliseconds(200), callsInLastSecond: 4));
    }

    [Fact]
    public void Scattered_429s_of_a_busy_tenant_reach_only_their_conversations()
    {
        // One call in twenty refused while the tenant sends 45 a second: the budget briefly shared, not used up.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", $"a:{i}", Start.AddMilliseconds(i * 450), callsInLastSecond: 45));
        }
    }

    [Fact]
    public void A_fifth_of_a_busy_tenants_calls_refused_reaches_the_tenant()
    {
        var reaches = Enumerable.Range(0, 9).Select(i => _rule.ReachOf("A", $"a:{i}", Start.AddMilliseconds(i * 100), callsInLastSecond: 45)).ToList();

        Assert.All(reaches.Take(8), r => Assert.Equal(PauseReach.Conversation, r));
        Assert.Equal(PauseReach.Tenant, reaches[8]);
    }

    [Fact]
    public void Two_conversations_a_second_or_more_apart_each_reach_only_their_own()
    {
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start));
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:2", Start.AddSeconds(1)));
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:3", Start.AddSeconds(2.5)));
    }

    [Fact]
    public void Another_tenants_429s_do_not_count()
    {
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start));
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("B", "b:1", Start.AddMilliseconds(10)));
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("B", "b:1", Start.AddMilliseconds(20)));
    }
}
