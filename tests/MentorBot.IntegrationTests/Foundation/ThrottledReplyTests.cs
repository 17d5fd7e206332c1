using System.Diagnostics;
using MentorBot.Conversations;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>A reply the channel throttles waits for its time without a worker waiting with it (issue #17).</summary>
public sealed class ThrottledReplyTests : IClassFixture<AzuriteFixture>
{
    private const string OtherTenant = "7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e5f";
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(8);

    private readonly AzuriteFixture _azurite;

    public ThrottledReplyTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task While_a_tenants_replies_wait_out_a_429_another_persons_reply_goes_at_once_and_each_throttled_reply_arrives_once_after_its_time()
    {
        await using var bot = await BotScenario.StartAsync(_azurite,
            settings: new Dictionary<string, string> { ["Teams:AllowedTenantIds"] = $"{BotScenario.TenantId},{OtherTenant}" });
        var client = bot.Host.CreateClient();
        // One more conversation than there are delivery workers (8), all in the tenant the 429 pauses.
        var busy = Enumerable.Range(1, 9).Select(i => TestUser.Create($"Busy Person {i}")).ToList();
        var first = ConversationIds.Personal(busy[0].TeamsId);
        bot.Channel.FailNextSendsIn(first, 1, 429, RetryAfter);
        var throttledFrom = DateTimeOffset.UtcNow;

        using (await client.PostActivityAsync(bot.Activities.PersonalMessage(busy[0], "help"), bot.Activities.CreateToken()))
        {
        }

        await bot.Channel.WaitForCallAsync(c => c.ConversationId == first && c.StatusCode == 429);
        foreach (var person in busy.Skip(1))
        {
            using (await client.PostActivityAsync(bot.Activities.PersonalMessage(person, "help"), bot.Activities.CreateToken()))
            {
            }
        }

        var otherTenant = new ActivityFactory(bot.Channel, BotScenario.AppId, OtherTenant);
        var ada = TestUser.Create("Ada Elsewhere");
        var waited = Stopwatch.StartNew();
        using (await client.PostActivityAsync(otherTenant.PersonalMessage(ada, "help"), otherTenant.CreateToken()))
        {
        }

        await bot.Channel.WaitForActivityAsync(c => c.ConversationId == ConversationIds.Personal(ada.TeamsId), TimeSpan.FromSeconds(30));
        waited.Stop();

        Assert.True(waited.Elapsed < RetryAfter / 2, $"Ada's reply took {waited.Elapsed}, though no worker should be held by the throttled replies.");
        Assert.All(busy, person => Assert.Empty(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(person.TeamsId))));

        await bot.Channel.WaitForActivityAsync(c => c.ConversationId == first, TimeSpan.FromSeconds(30));
        Assert.True(DateTimeOffset.UtcNow >= throttledFrom + RetryAfter);
        await bot.Host.Services.GetRequiredService<TurnReplyDelivery>().WhenIdleAsync(TimeSpan.FromSeconds(30));
        Assert.All(busy, person => Assert.Single(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(person.TeamsId))));
        Assert.Single(bot.Channel.Calls, c => c.StatusCode == 429);
        Assert.DoesNotContain(await bot.EntitiesAsync("Outbox"), e => e.PartitionKey == PendingReplyStore.Partition);
    }
}
