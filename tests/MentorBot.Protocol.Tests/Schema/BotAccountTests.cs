using MentorBot.Protocol.Schema;

namespace MentorBot.Protocol.Tests.Schema;

public sealed class BotAccountTests
{
    private static readonly Activity FromTeams = new() { Recipient = new ChannelAccount { Id = "28:6b1f0c34-8d2a-4e7b-9c5d-1a2b3c4d5e6f" } };

    [Theory]
    [InlineData("28:6b1f0c34-8d2a-4e7b-9c5d-1a2b3c4d5e6f", true)] // this bot
    [InlineData("28:0000aaaa-other-bot", true)] // another bot in the chat
    [InlineData("29:1AbCdEf-person", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_bot_is_this_bot_or_an_id_of_the_bot_kind(string? id, bool isBot) =>
        Assert.Equal(isBot, FromTeams.IsBot(id));

    [Fact]
    public void The_recipient_counts_as_the_bot_whatever_its_id_looks_like()
    {
        // The Agents Playground and the Emulator name the bot without Teams' "28:" prefix.
        var playground = new Activity { Recipient = new ChannelAccount { Id = "mentorbot" } };

        Assert.True(playground.IsBot("mentorbot"));
        Assert.False(playground.IsBot("user-1"));
        Assert.False(new ChannelAccount { Id = "mentorbot" }.IsBot);
    }
}
