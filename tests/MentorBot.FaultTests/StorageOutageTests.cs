using System.Net;
using MentorBot.Testing;

namespace MentorBot.FaultTests;

/// <summary>Azurite stopped for several seconds under a turn: the activity is refused with a retryable status, and processed once when redelivered.</summary>
public sealed class StorageOutageTests
{
    [Fact(Timeout = 120_000)]
    public async Task An_activity_during_a_storage_outage_is_refused_retryably_and_processed_once_after()
    {
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { Persistent = true });
        await using var channel = await TeamsChannelStandIn.StartAsync();
        await using var host = new FaultHost(FaultHost.Settings(channel, azurite.ConnectionString, "outage"));
        var client = host.CreateClient();
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        var activities = new ActivityFactory(channel, FaultHost.AppId, FaultHost.TenantId);
        var ada = TestUser.Create("Ada");
        using (var warm = await client.PostActivityAsync(activities.PersonalMessage(ada, "help"), activities.CreateToken()))
        {
            Assert.True(warm.IsSuccessStatusCode);
        }

        var answer = activities.PersonalMessage(ada, "help");
        await azurite.StopAsync();
        HttpStatusCode during;
        using (var response = await client.PostActivityAsync(answer, activities.CreateToken()))
        {
            during = response.StatusCode;
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        await azurite.StartAgainAsync();

        // Never "accepted and lost": either it was handled (2xx) or it is refused with a status the channel retries.
        Assert.True((int)during >= 500 || (int)during is >= 200 and < 300, $"status during the outage: {during}");
        var sentBefore = channel.ActivitiesSentTo(ConversationIds.Personal(ada.TeamsId)).Count;

        // The channel redelivers until it gets a 2xx.
        HttpStatusCode after = 0;
        for (var attempt = 0; attempt < 20 && (int)after is < 200 or >= 300; attempt++)
        {
            using var response = await client.PostActivityAsync(answer, activities.CreateToken());
            after = response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }

        Assert.True((int)after is >= 200 and < 300, $"status after the outage: {after}");
        // Replies leave after the HTTP answer: give the reply its moment, then a little more for a duplicate to show.
        for (var waited = 0; waited < 100 && channel.ActivitiesSentTo(ConversationIds.Personal(ada.TeamsId)).Count < 2; waited++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1000);
        var replies = channel.ActivitiesSentTo(ConversationIds.Personal(ada.TeamsId)).Count;
        // The warm-up reply plus exactly one reply to the answer, whether it was handled during or after the outage.
        Assert.Equal(2, replies);
        Assert.True(sentBefore is 1 or 2);
    }
}
