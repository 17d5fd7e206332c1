using System.Text.Json;
using MentorBot.Features.Registration;
using MentorBot.Protocol.Schema;

namespace MentorBot.Tests.Registration;

public sealed class RegisterMessageTests
{
    private const string BotId = "28:6b1f0c34-8d2a-4e7b-9c5d-1a2b3c4d5e6f";

    private static Activity Message(string text, params (string Id, string Name)[] mentioned) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Recipient = new ChannelAccount { Id = BotId, Name = "MentorBot" },
        Entities = mentioned.Select(m => JsonSerializer.SerializeToElement(new
        {
            type = "mention",
            text = $"<at>{m.Name}</at>",
            mentioned = new { id = m.Id, name = m.Name },
        })).ToList(),
    };

    [Fact]
    public void Mentions_are_read_in_the_order_they_appear_and_the_bot_is_left_out()
    {
        // Entities listed out of order: the text decides who is the mentor.
        var activity = Message("<at>MentorBot</at> register <at>Mia Mentor</at> <at>Max Mentee</at> cohort Spring 2027 start 2027-03-01 end 2027-09-01 focus Pricing, and negotiation",
            ("29:max", "Max Mentee"), (BotId, "MentorBot"), ("29:mia", "Mia Mentor"));

        var (message, problem) = RegisterMessage.Parse(activity);

        Assert.Null(problem);
        Assert.Equal(["29:mia", "29:max"], message!.People.Select(p => p.Mention!.TeamsId));
        Assert.Equal("Spring 2027", message.Cohort);
        Assert.Equal(new DateOnly(2027, 3, 1), message.Start);
        Assert.Equal(new DateOnly(2027, 9, 1), message.End);
        Assert.Equal("Pricing, and negotiation", message.Focus);
        Assert.True(RegisterMessage.MentionsSomeone(activity));
    }

    [Fact]
    public void Typed_addresses_and_mentions_can_be_mixed_in_order()
    {
        var (message, _) = RegisterMessage.Parse(Message("<at>MentorBot</at> register mia@contoso.com <at>Max Mentee</at>", (BotId, "MentorBot"), ("29:max", "Max Mentee")));

        Assert.Equal("mia@contoso.com", message!.People[0].Typed);
        Assert.Equal("29:max", message.People[1].Mention!.TeamsId);
    }

    [Fact]
    public void Focus_takes_the_rest_of_the_line_even_words_that_are_keywords()
    {
        var (message, _) = RegisterMessage.Parse(Message("register a@x.com b@x.com focus how to start a team and end meetings on time"));

        Assert.Equal("how to start a team and end meetings on time", message!.Focus);
        Assert.Null(message.Start);
    }

    [Theory]
    [InlineData("register a@x.com", "Name the mentor and then the mentee")]
    [InlineData("register a@x.com b@x.com c@x.com", "Name the mentor and then the mentee")]
    [InlineData("register a@x.com b@x.com start 01/03/2027", "The start \"01/03/2027\" is not a date written as yyyy-mm-dd.")]
    [InlineData("register a@x.com b@x.com cohort", "Give a value after \"cohort\"")]
    [InlineData("register a@x.com b@x.com end 2027-01-01 end 2027-02-01", "\"end\" is given twice")]
    public void Mistakes_are_explained(string text, string expected)
    {
        var (message, problem) = RegisterMessage.Parse(Message(text));

        Assert.Null(message);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_that_only_mentions_the_bot_mentions_nobody()
    {
        Assert.False(RegisterMessage.MentionsSomeone(Message("<at>MentorBot</at> register", (BotId, "MentorBot"))));
    }
}
