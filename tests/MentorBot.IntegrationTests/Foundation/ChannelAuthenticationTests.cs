using System.Net;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>Every request must prove it comes from the channel; a refused one leaves no trace and gets no answer.</summary>
public sealed class ChannelAuthenticationTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public ChannelAuthenticationTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    public static TheoryData<string> BadTokens() =>
    [
        "forged with a key the channel never published",
        "expired an hour ago",
        "addressed to another bot",
        "issued by someone else",
        "for another service url",
        "signed by a key with no endorsements",
        "signed by a key endorsed for another channel",
        "no token at all",
        "not a jwt",
    ];

    private static string? TokenFor(string kind, BotScenario bot)
    {
        var valid = new ChannelTokenOptions { Audience = BotScenario.AppId };
        var options = kind switch
        {
            "forged with a key the channel never published" => valid with { Key = ChannelKey.Unpublished },
            "expired an hour ago" => valid with { IssuedAt = bot.Clock.GetUtcNow().AddHours(-2), Lifetime = TimeSpan.FromHours(1) },
            "addressed to another bot" => valid with { Audience = Guid.NewGuid().ToString() },
            "issued by someone else" => valid with { Issuer = "https://api.botframework.example" },
            "for another service url" => valid with { ServiceUrl = "https://smba.attacker.example/teams/" },
            "signed by a key with no endorsements" => valid with { Key = ChannelKey.NoEndorsements },
            "signed by a key endorsed for another channel" => valid with { Key = ChannelKey.OtherChannel },
            _ => null,
        };
        return kind switch
        {
            "no token at all" => null,
            "not a jwt" => "definitely.not.ajwt",
            _ => bot.Channel.CreateToken(options!),
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_request_with_a_bad_token_is_refused_with_401_and_nothing_is_stored_or_sent(string kind)
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var user = TestUser.Create("Ada");
        var activity = bot.Activities.PersonalMessage(user, "help");

        using var response = await bot.Host.CreateClient().PostActivityAsync(activity, TokenFor(kind, bot));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(bot.Channel.Calls, c => c.Method != "GET");
        Assert.Empty(await bot.EntitiesAsync("InboundActivities"));
        Assert.Empty(await bot.EntitiesAsync("ConversationReferences"));
    }

    [Fact]
    public async Task The_same_request_with_a_valid_token_is_answered()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var user = TestUser.Create("Ada");

        using var response = await bot.SendAsync(bot.Activities.PersonalMessage(user, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Channel.Calls, c => c.Method == "POST");
    }

    [Fact]
    public async Task After_the_channel_rotates_its_keys_tokens_signed_with_the_new_key_are_accepted()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var user = TestUser.Create("Ada");
        using (var first = await bot.SendAsync(bot.Activities.PersonalMessage(user, "help")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        bot.Channel.RotateTeamsKey();
        using var second = await bot.SendAsync(bot.Activities.PersonalMessage(user, "help"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }
}
