using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Foundation;

public sealed class GreetingTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _ada = TestUser.Create("Ada Newcomer");

    public GreetingTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Theory]
    [InlineData("hi", "Hi Ada!")]
    [InlineData("Hello!", "Hi Ada!")]
    [InlineData("thanks", "You're welcome, Ada!")]
    [InlineData("Thank you.", "You're welcome, Ada!")]
    public async Task A_greeting_gets_a_friendly_answer_and_what_works_in_this_chat(string said, string expected)
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        using (await bot.SendAsync(bot.Activities.PersonalMessage(_ada, said)))
        {
        }

        var replies = bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_ada.TeamsId));
        Assert.Contains(replies, r => r.AllText.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(replies, r => r.AllText.Contains("What I can do", StringComparison.Ordinal) && r.AllText.Contains("my data", StringComparison.Ordinal));
        Assert.DoesNotContain(replies, r => r.AllText.Contains("didn't catch", StringComparison.Ordinal));
    }
}
