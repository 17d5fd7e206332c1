using System.Diagnostics;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Seeding;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Benchmarks;

/// <summary>
/// Fan-out the way the product does it: N due check-in jobs (pair, pair chat, meeting that has ended), run by the
/// product's <see cref="JobRunner"/> (different pairs side by side, <c>Jobs:Concurrency</c>) with the connector paced
/// by <c>Teams:RequestsPerSecond</c> (its default, 47 for all instances together), through the throttling channel.
/// </summary>
internal static class JobFanOutBench
{
    public static async Task<FanOutResult> RunAsync(
        string name, Func<string, Dictionary<string, string>> settingsFor, string tenantId, string appId, ThrottlingChannel limited, int cards, int? concurrency, string stamp)
    {
        var settings = settingsFor("bjobs" + stamp);
        if (concurrency is { } c)
        {
            settings["Jobs:Concurrency"] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var bench = new BenchHost(settings, null);
        // The run's table requests are counted (each try, as Azurite sees it): what a card costs the store.
        var counter = new TableRequestCounter(settings["Storage:TablePrefix"]);
        var host = bench.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(counter.CountedClient(settings["Storage:ConnectionString"]))));
        (await host.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        var services = host.Services;
        var chats = await DueCheckIns.SeedAsync(services, tenantId, appId, limited.ServiceUrl, "jobs" + stamp, cards, parallelism: 16);
        var runner = services.GetRequiredService<JobRunner>();
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // an empty tenant window
        limited.ResetCounters();
        counter.Phase = "fan-out";
        var sw = Stopwatch.StartNew();
        var store = services.GetRequiredService<JobStore>();
        while (true)
        {
            // RunDueAsync stops after 20 rounds of 100; go on until nothing is due.
            if (await runner.RunDueAsync(CancellationToken.None) > 0)
            {
                continue;
            }

            // A job the channel throttled waits (not counted as an attempt) for the time the channel gave, a second or so.
            if ((await store.DueAsync(DateTimeOffset.UtcNow.AddMinutes(1), 1, CancellationToken.None)).Count == 0)
            {
                break;
            }

            await Task.Delay(50);
        }

        sw.Stop();
        counter.Phase = "after";
        var counts = counter.Of("fan-out");
        Console.WriteLine($"({name}: {(double)counts.Sum(c => c.Count) / cards:F2} table requests per card; by table: " +
            string.Join(", ", counts.Take(12).Select(c => $"{c.Target} {(double)c.Count / cards:F2}")) + ")");
        int duplicates = 0, lost = 0;
        foreach (var chat in chats)
        {
            var accepted = limited.AcceptedFor(chat);
            duplicates += Math.Max(0, accepted - 1);
            lost += accepted == 0 ? 1 : 0;
        }

        var failed = (await store.DeadAsync(CancellationToken.None)).Count;
        return new FanOutResult(name, cards, sw.Elapsed.TotalSeconds, cards / sw.Elapsed.TotalMinutes, duplicates, lost, limited.Throttled, limited.PeakPerSecond, failed);
    }
}
