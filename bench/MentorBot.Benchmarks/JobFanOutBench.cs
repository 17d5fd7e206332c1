using System.Diagnostics;
using System.Reflection;
using Azure;
using MentorBot.Conversations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using Activity = MentorBot.Protocol.Schema.Activity;

namespace MentorBot.Benchmarks;

/// <summary>
/// Fan-out the way the product does it: N due check-in jobs (pair, pair chat, meeting that has ended), run by the
/// product's <see cref="JobRunner"/> (different pairs side by side, <c>Jobs:Concurrency</c>) with the connector paced
/// by <c>Teams:RequestsPerSecond</c> (its default, 48), through the throttling channel.
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

        await using var host = new BenchHost(settings, null);
        (await host.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        var services = host.Services;
        var chats = await SeedAsync(services, tenantId, appId, limited.ServiceUrl, cards, stamp);
        var runner = services.GetRequiredService<JobRunner>();
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // an empty tenant window
        limited.ResetCounters();
        var sw = Stopwatch.StartNew();
        while (await runner.RunDueAsync(CancellationToken.None) > 0)
        {
            // RunDueAsync stops after 20 rounds of 100; go on until nothing is due.
        }

        sw.Stop();
        int duplicates = 0, lost = 0;
        foreach (var chat in chats)
        {
            var accepted = limited.AcceptedFor(chat);
            duplicates += Math.Max(0, accepted - 1);
            lost += accepted == 0 ? 1 : 0;
        }

        var failed = (await services.GetRequiredService<JobStore>().DeadAsync(CancellationToken.None)).Count;
        return new FanOutResult(name, cards, sw.Elapsed.TotalSeconds, cards / sw.Elapsed.TotalMinutes, duplicates, lost, limited.Throttled, limited.PeakPerSecond, failed);
    }

    /// <summary>Pairs with a pair chat the bot knows, a meeting that ended an hour ago, and its due check-in job.</summary>
    private static async Task<List<string>> SeedAsync(IServiceProvider services, string tenantId, string appId, string serviceUrl, int cards, string stamp)
    {
        var now = DateTimeOffset.UtcNow;
        var program = new MentorshipProgram
        {
            TenantId = tenantId,
            ProgramId = "fanout",
            Name = "Fan-out",
            Channel = new CoordinatorsChannel(serviceUrl, "19:coordinators@thread.tacv2", null, "Coordinators"),
            Settings = new ProgramSettings { CheckInDelayMinutes = 15, QuietHoursStart = 0, QuietHoursEnd = 0 }, // never quiet
            CreatedAt = now,
        };
        await services.GetRequiredService<ProgramStore>().SaveAsync(program, null, default);
        var pairs = services.GetRequiredService<PairStore>();
        var references = services.GetRequiredService<ConversationReferenceStore>();
        var meetings = services.GetRequiredService<MeetingStore>();
        var jobs = services.GetRequiredService<JobStore>();
        // The meeting store's writer is internal to the product (discovery is its only caller).
        var addMeeting = typeof(MeetingStore).GetMethod("TryAddAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var start = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-7);
        var chats = new string[cards];
        await Parallel.ForEachAsync(Enumerable.Range(0, cards), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var chatId = $"19:jobs-{stamp}-{i}@thread.v2";
            var pair = new Pair
            {
                TenantId = tenantId,
                ProgramId = program.ProgramId,
                PairId = $"jobs-{i}",
                Mentor = new Person($"mentor-{i}", $"Mentor {i}", null, null),
                Mentee = new Person($"mentee-{i}", $"Mentee {i}", null, null),
                Start = start,
                PlannedEnd = start.AddDays(7 * 26),
                Stage = PairStage.Working,
                PairChatConversationId = chatId,
                CreatedAt = now,
            };
            await pairs.TryAddAsync(pair, token);
            await references.RememberAsync(new Activity
            {
                ServiceUrl = serviceUrl,
                Conversation = new ConversationAccount { Id = chatId, ConversationType = "groupChat", TenantId = tenantId, IsGroup = true },
                Recipient = new ChannelAccount { Id = "28:" + appId },
            }, token);
            var meeting = new Meeting
            {
                TenantId = tenantId,
                ProgramId = program.ProgramId,
                PairId = pair.PairId,
                MeetingKey = $"event-{i}",
                Start = now.AddHours(-1.5),
                End = now.AddHours(-1),
                EventId = $"event-{i}",
                DiscoveredAt = now,
                UpdatedAt = now,
            };
            await (Task<ETag?>)addMeeting.Invoke(meetings, [meeting, token])!;
            await jobs.ScheduleAsync(MeetingJobs.CheckIn(meeting, meeting.End.AddMinutes(15)), token);
            chats[i] = chatId;
        });
        return chats.ToList();
    }
}
