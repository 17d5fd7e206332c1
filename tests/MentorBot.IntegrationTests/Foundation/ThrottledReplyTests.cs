using Stopwatch = System.Diagnostics.Stopwatch;
using MentorBot.Conversations;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Protocol.Schema;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>A reply the channel throttles waits for its time without a worker waiting with it (issue #17).</summary>
public sealed class ThrottledReplyTests : IClassFixture<AzuriteFixture>
{
    private const string OtherTenant = "7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e5f";
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(8);

    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;

    public ThrottledReplyTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
    }

    [Fact]
    public async Task While_a_tenants_replies_wait_out_a_tenant_wide_429_another_tenants_reply_goes_at_once_and_each_throttled_reply_arrives_once_after_its_time()
    {
        await using var bot = await BotScenario.StartAsync(_azurite,
            settings: new Dictionary<string, string> { ["Teams:AllowedTenantIds"] = $"{BotScenario.TenantId},{OtherTenant}" });
        var client = bot.Host.CreateClient();
        // One more conversation than there are delivery workers (8), all in the tenant the 429s pause.
        var busy = Enumerable.Range(1, 9).Select(i => TestUser.Create($"Busy Person {i}")).ToList();
        var throttled = busy.Take(2).Select(p => ConversationIds.Personal(p.TeamsId)).ToList();
        // 429s from two conversations of the tenant within a second: the tenant's limit, not theirs (PauseReachRule).
        foreach (var conversation in throttled)
        {
            bot.Channel.FailNextSendsIn(conversation, 1, 429, RetryAfter);
        }

        var throttledFrom = DateTimeOffset.UtcNow;
        await Task.WhenAll(busy.Take(2).Select(async person =>
        {
            using (await client.PostActivityAsync(bot.Activities.PersonalMessage(person, "help"), bot.Activities.CreateToken()))
            {
            }
        }));

        var refused = await Task.WhenAll(throttled.Select(c => bot.Channel.WaitForCallAsync(call => call.ConversationId == c && call.StatusCode == 429)));
        Assert.True((refused.Max(c => c.ReceivedAt) - refused.Min(c => c.ReceivedAt)) < TimeSpan.FromSeconds(1), "the two 429s were not within a second");
        foreach (var person in busy.Skip(2))
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
        _output.WriteLine($"Other tenant's reply delivered after {waited.Elapsed.TotalMilliseconds:F0} ms while 9 rows wait out Retry-After {RetryAfter.TotalSeconds:F0} s");

        Assert.True(waited.Elapsed < RetryAfter / 2, $"Ada's reply took {waited.Elapsed}, though no worker should be held by the throttled replies.");
        Assert.All(busy, person => Assert.Empty(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(person.TeamsId))));

        await bot.Channel.WaitForActivityAsync(c => c.ConversationId == throttled[0], TimeSpan.FromSeconds(30));
        Assert.True(DateTimeOffset.UtcNow >= throttledFrom + RetryAfter);
        await bot.Host.Services.GetRequiredService<TurnReplyDelivery>().WhenIdleAsync(TimeSpan.FromSeconds(30));
        Assert.All(busy, person => Assert.Single(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(person.TeamsId))));
        Assert.Equal(2, bot.Channel.Calls.Count(c => c.StatusCode == 429));
        Assert.DoesNotContain(await bot.EntitiesAsync("InboundActivities"), e => e.RowKey.StartsWith(ActivityRecords.TurnPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_in_one_persons_chat_holds_only_that_chat_and_the_tenants_other_replies_go_at_once()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var client = bot.Host.CreateClient();
        var throttledPerson = TestUser.Create("Throttled Person");
        var others = Enumerable.Range(1, 3).Select(i => TestUser.Create($"Other Person {i}")).ToList();
        var throttled = ConversationIds.Personal(throttledPerson.TeamsId);
        bot.Channel.FailNextSendsIn(throttled, 1, 429, RetryAfter);
        var throttledFrom = DateTimeOffset.UtcNow;

        using (await client.PostActivityAsync(bot.Activities.PersonalMessage(throttledPerson, "help"), bot.Activities.CreateToken()))
        {
        }

        await bot.Channel.WaitForCallAsync(c => c.ConversationId == throttled && c.StatusCode == 429);
        var waited = Stopwatch.StartNew();
        foreach (var person in others)
        {
            using (await client.PostActivityAsync(bot.Activities.PersonalMessage(person, "help"), bot.Activities.CreateToken()))
            {
            }
        }

        foreach (var person in others)
        {
            await bot.Channel.WaitForActivityAsync(c => c.ConversationId == ConversationIds.Personal(person.TeamsId), TimeSpan.FromSeconds(30));
        }

        waited.Stop();
        _output.WriteLine($"3 replies of the same tenant delivered after {waited.Elapsed.TotalMilliseconds:F0} ms while one chat waits out Retry-After {RetryAfter.TotalSeconds:F0} s");
        Assert.True(waited.Elapsed < RetryAfter / 2, $"The tenant's other replies took {waited.Elapsed}, though only one chat is paused.");
        Assert.Empty(bot.Channel.ActivitiesSentTo(throttled));

        await bot.Channel.WaitForActivityAsync(c => c.ConversationId == throttled, TimeSpan.FromSeconds(30));
        Assert.True(DateTimeOffset.UtcNow >= throttledFrom + RetryAfter);
        Assert.Single(bot.Channel.ActivitiesSentTo(throttled));
    }

    [Fact]
    public async Task A_row_throttled_midway_sends_only_what_was_left_at_its_time()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var conversation = ConversationIds.Personal(TestUser.Create("Ada").TeamsId);
        // A card update first (not a send, so the stand-in's per-thread fault leaves it alone), then two replies.
        var replies = new PendingReplies("throttled-midway|1", bot.Channel.ServiceUrl, conversation,
        [
            new PendingMessage("1:card", Message("card, new look", conversation)),
            new PendingMessage(null, Message("first reply", conversation)),
            new PendingMessage(null, Message("second reply", conversation)),
        ]);
        bot.Channel.FailNextSendsIn(conversation, 1, 429, TimeSpan.FromSeconds(2));
        var delivery = bot.Host.Services.GetRequiredService<TurnReplyDelivery>();

        await bot.Host.Services.GetRequiredService<PendingReplyStore>().SaveAsync(replies, CancellationToken.None);
        delivery.Enqueue(replies);
        await bot.Channel.WaitForCallAsync(c => c.ConversationId == conversation && c.StatusCode == 429);
        await delivery.WhenIdleAsync(TimeSpan.FromSeconds(30));

        var calls = bot.Channel.Calls.Where(c => c.ConversationId == conversation).ToList();
        Assert.Single(calls, c => c.Method == "PUT");
        Assert.Equal(["first reply", "second reply"], bot.Channel.ActivitiesSentTo(conversation).Select(c => c.Text));
        Assert.DoesNotContain(await bot.EntitiesAsync("InboundActivities"), e => e.RowKey.StartsWith(ActivityRecords.TurnPrefix, StringComparison.Ordinal));
    }

    private static Activity Message(string text, string conversation)
    {
        var message = Activity.CreateMessage(text);
        message.Conversation = new ConversationAccount { Id = conversation, TenantId = BotScenario.TenantId };
        return message;
    }
}
