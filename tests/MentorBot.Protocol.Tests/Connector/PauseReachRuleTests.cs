using MentorBot.Protocol.Connector;

namespace MentorBot.Protocol.Tests.Connector;

public sealed class PauseReachRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly PauseReachRule _rule = new();

    [Fact]
    public void A_429_of_a_call_without_a_conversation_reaches_the_tenant() =>
        Assert.Equal(PauseReach.Tenant, _rule.ReachOf("A", null, Start));

    [Fact]
    public void Repeated_429s_of_one_conversation_reach_only_that_conversation()
    {
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start));
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start.AddMilliseconds(100)));
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start.AddMilliseconds(900)));
    }

    [Fact]
    public void A_429_of_a_second_conversation_within_a_second_reaches_the_tenant()
    {
        Assert.Equal(PauseReach.Conversation, _rule.ReachOf("A", "a:1", Start));
        Assert.Equal(PauseReach.Tenant, _rule.ReachOf("A", "a:2", Start.AddMilliseconds(999)));
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
