using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Foundation;

public sealed class RequestRefusalTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public RequestRefusalTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static async Task<HttpResponseMessage> PostRawAsync(BotScenario bot, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bot.Activities.CreateToken());
        return await bot.Host.CreateClient().SendAsync(request);
    }

    [Theory]
    [InlineData("{\"type\": \"message\", ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"text\": \"no type\"}")]
    [InlineData("not json")]
    public async Task Malformed_json_gets_400_with_a_problem_body_and_nothing_is_stored(string body)
    {
        await using var bot = await BotScenario.StartAsync(_azurite);

        using var response = await PostRawAsync(bot, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Empty(await bot.EntitiesAsync("InboundActivities"));
    }

    [Fact]
    public async Task A_body_over_one_megabyte_gets_413()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var activity = bot.Activities.PersonalMessage(TestUser.Create("Ada"), new string('x', 1024 * 1024 + 10));

        using var response = await bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain(bot.Channel.Calls, c => c.Method != "GET");
    }

    [Fact]
    public async Task An_activity_from_a_tenant_that_is_not_allowed_is_refused_and_not_processed()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var stranger = new ActivityFactory(bot.Channel, BotScenario.AppId, Guid.NewGuid().ToString());

        using var response = await bot.SendAsync(stranger.PersonalMessage(TestUser.Create("Eve"), "help"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(bot.Channel.Calls, c => c.Method != "GET");
        Assert.Empty(await bot.EntitiesAsync("InboundActivities"));
        Assert.Empty(await bot.EntitiesAsync("ConversationReferences"));
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready_with_storage()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var client = bot.Host.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
