using MentorBot.Conversations;

namespace MentorBot.Tests.Conversations;

/// <summary>
/// The ledger's row keys ("conversation|activity" in one partition): two activities never share a key, and the range
/// that erasing a person reads for their personal chat holds that chat's activities and no other chat's.
/// </summary>
public sealed class InboundActivityKeyTests
{
    [Fact]
    public void A_bar_in_either_id_cannot_make_two_activities_share_a_key()
    {
        Assert.NotEqual(InboundActivityLedger.Key("a|b", "c"), InboundActivityLedger.Key("a", "b|c"));
        Assert.NotEqual(InboundActivityLedger.Key("a:1x", "1|2"), InboundActivityLedger.Key("a:1x|1", "2"));
    }

    [Theory]
    [InlineData("a:1maxPersonalChat", "1:activity")]
    [InlineData("a:1max/with#forbidden?chars", "f:9%")]
    [InlineData("19:abc@thread.v2;messageid=1712345678901", "1712345678999")]
    [InlineData("a:1with|bar", "1:x|y")]
    public void The_range_of_a_conversation_holds_each_of_its_activities(string conversation, string activity)
    {
        var (start, end) = InboundActivityLedger.ConversationRange(conversation);
        var key = InboundActivityLedger.Key(conversation, activity);

        Assert.True(string.CompareOrdinal(key, start) >= 0 && string.CompareOrdinal(key, end) < 0, $"{key} is outside [{start}, {end})");
    }

    [Theory]
    [InlineData("a:1max", "a:1max2")]
    [InlineData("a:1max", "a:1max|x")]
    [InlineData("a:1max", "a:1ma")]
    [InlineData("a:1max", "a:1max}")]
    [InlineData("a:1max", "a:1maw")]
    public void The_range_of_a_conversation_holds_no_activity_of_another(string conversation, string other)
    {
        var (start, end) = InboundActivityLedger.ConversationRange(conversation);

        foreach (var activity in new[] { "", "1", "~~~~", "\u00ff", "|" })
        {
            var key = InboundActivityLedger.Key(other, activity);
            Assert.False(string.CompareOrdinal(key, start) >= 0 && string.CompareOrdinal(key, end) < 0, $"{key} of {other} is inside [{start}, {end})");
        }
    }
}
