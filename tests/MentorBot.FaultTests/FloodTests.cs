using System.Net;
using System.Text;
using MentorBot.Testing;

namespace MentorBot.FaultTests;

/// <summary>Redeliveries and malformed requests in bulk: each activity is processed once, junk is refused, memory stays bounded.</summary>
public sealed class FloodTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact(Timeout = 120_000)]
    public async Task A_flood_of_duplicates_and_malformed_requests_is_processed_once_and_memory_stays_bounded()
    {
        await using var channel = await TeamsChannelStandIn.StartAsync();
        await using var host = new FaultHost(FaultHost.Settings(channel, azurite.ConnectionString, azurite.NewTablePrefix()));
        var client = host.CreateClient();
        var activities = new ActivityFactory(channel, FaultHost.AppId, FaultHost.TenantId);
        var token = activities.CreateToken();
        var users = Enumerable.Range(0, 20).Select(i => TestUser.Create($"Flood{i}")).ToList();
        var originals = users.Select(u => activities.PersonalMessage(u, "help")).ToList();

        async Task<Dictionary<HttpStatusCode, int>> FloodAsync(int rounds)
        {
            var statuses = new Dictionary<HttpStatusCode, int>();
            for (var round = 0; round < rounds; round++)
            {
                var batch = new List<Task<HttpStatusCode>>();
                foreach (var activity in originals)
                {
                    batch.Add(StatusOf(client.PostActivityAsync(activity, token)));            // the same activity again
                }

                batch.Add(StatusOf(PostRawAsync(client, "{\"type\":\"message\",", token)));  // truncated JSON
                batch.Add(StatusOf(PostRawAsync(client, "[1,2,3]", token)));                   // not an activity
                batch.Add(StatusOf(client.PostActivityAsync(originals[0], "not-a-jwt")));      // bad token
                batch.Add(StatusOf(client.PostActivityAsync(originals[0], null)));             // no token
                foreach (var status in await Task.WhenAll(batch))
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }
            }

            return statuses;
        }

        await FloodAsync(5); // N rounds: first deliveries, then redeliveries
        var afterN = SettledHeap();
        var statuses = await FloodAsync(50); // 10N rounds of redeliveries and junk
        var after10N = SettledHeap();

        // Processed once: one 'help' reply per distinct activity, however often it came.
        foreach (var user in users)
        {
            Assert.Single(channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId)));
        }

        Assert.Equal(50 * users.Count, statuses.GetValueOrDefault(HttpStatusCode.OK) + statuses.GetValueOrDefault(HttpStatusCode.Accepted));
        Assert.Equal(50 * 2, statuses.GetValueOrDefault(HttpStatusCode.Unauthorized));
        Assert.Equal(50 * 2, statuses.GetValueOrDefault(HttpStatusCode.BadRequest));
        // Ten times the requests may not cost ten times the memory: allow 16 MB of noise over the first plateau.
        Assert.True(after10N - afterN < 16 * 1024 * 1024, $"GC heap grew from {afterN:N0} to {after10N:N0} bytes");
    }

    private static async Task<HttpStatusCode> StatusOf(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
