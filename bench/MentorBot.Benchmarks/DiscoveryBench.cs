using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MentorBot.Benchmarks;

/// <summary>
/// Meeting discovery through the product's job runner: pairs (some sharing a mentor) with meetings on their mentors'
/// calendars, on a Graph stand-in that allows 4 requests in flight per mailbox (429 over it). Half the pairs meet in a
/// weekly series, served as delta serves it (master plus occurrence stubs, masters last). The first scans (full
/// syncs) are the baseline; then one half-hour of steady-state delta scans, with a few calendars changed (new single
/// meetings, and series growing by an occurrence whose stub comes without its master). Every calendar request counts:
/// delta pages and single-event reads (series masters, removals checked).
/// </summary>
internal static class DiscoveryBench
{
    public sealed record Phase(string Name, int Pairs, int Mentors, int Requests, int EventReads, int Throttled, double Seconds, int Meetings);

    public static async Task<IReadOnlyList<Phase>> RunAsync(Func<string, Dictionary<string, string>> settingsFor, string tenantId, int pairCount, string stamp)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        clock.Advance(new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(9), TimeSpan.Zero) - clock.GetUtcNow());
        await using var graph = await GraphStandIn.StartAsync(clock);
        // Graph's own limits: 4 requests in flight per mailbox (429 beyond), and some latency per request.
        var calendars = CalendarStandIn.Attach(graph);
        calendars.MailboxConcurrency = 4;
        calendars.Latency = TimeSpan.FromMilliseconds(20);
        var settings = settingsFor("bdisc" + stamp);
        settings["Graph:BaseUrl"] = graph.BaseUrl;
        await using var host = new BenchHost(settings, null, clock);
        (await host.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        var services = host.Services;
        var runner = services.GetRequiredService<JobRunner>();
        var program = new MentorshipProgram
        {
            TenantId = tenantId,
            ProgramId = "discovery",
            Name = "Discovery",
            Channel = new CoordinatorsChannel("http://127.0.0.1:9/teams/", "19:coordinators@thread.tacv2", null, "Coordinators"),
            Settings = new ProgramSettings { CheckInDelayMinutes = 15 },
            CreatedAt = clock.GetUtcNow(),
        };
        await services.GetRequiredService<ProgramStore>().SaveAsync(program, null, default);

        // 70 % as many mentors as pairs: 30 % of mentors have two mentees, sharing one calendar.
        var mentorCount = pairCount * 7 / 10;
        var mentors = Enumerable.Range(0, mentorCount).Select(m => Person($"mentor{m}")).ToList();
        var pairs = Enumerable.Range(0, pairCount).Select(i => (Mentor: mentors[i % mentorCount], Mentee: Person($"mentee{i}"), Index: i)).ToList();
        var now = clock.GetUtcNow();
        foreach (var (mentor, mentee, i) in pairs)
        {
            if (i % 2 == 0)
            {
                foreach (var item in GraphEvents.WeeklySeries($"s{i}", now.AddDays(1).AddMinutes(i % 60), 4, TimeSpan.FromMinutes(30), mentor.Mail!, mentee.Mail!))
                {
                    calendars.Put(mentor.Id, item);
                }

                continue;
            }

            for (var k = 1; k <= 2; k++)
            {
                calendars.Put(mentor.Id, GraphEvents.Meeting($"e{i}-{k}", now.AddDays(k * 3).AddMinutes(i % 60), TimeSpan.FromMinutes(30), mentor.Mail!, mentee.Mail!));
            }
        }

        var store = services.GetRequiredService<PairStore>();
        var onStart = services.GetServices<IPairStartHandler>().OfType<ScanOnPairStart>().Single();
        var start = DateOnly.FromDateTime(now.UtcDateTime);
        await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, token) =>
        {
            var pair = new Pair
            {
                TenantId = tenantId,
                ProgramId = program.ProgramId,
                PairId = $"disc-{p.Index}",
                Mentor = p.Mentor,
                Mentee = p.Mentee,
                Start = start,
                PlannedEnd = start.AddDays(7 * 26),
                Stage = PairStage.Working,
                CreatedAt = now,
            };
            await store.TryAddAsync(pair, token);
            await onStart.OnPairStartedAsync(pair, program, token);
        });

        var meetings = services.GetRequiredService<MeetingStore>();
        async Task<int> CountMeetingsAsync()
        {
            var total = 0;
            foreach (var p in pairs)
            {
                total += (await meetings.ForPairAsync(tenantId, $"disc-{p.Index}", default)).Count(m => m.Counts);
            }

            return total;
        }

        async Task<Phase> MeasureAsync(string name)
        {
            graph.Clear();
            var throttledBefore = calendars.Throttled;
            var sw = Stopwatch.StartNew();
            await runner.RunDueAsync(default);
            sw.Stop();
            var deltaReads = graph.Requests.Count(r => r.Path.Contains("/calendarView/delta", StringComparison.OrdinalIgnoreCase));
            var eventReads = graph.Requests.Count(r => r.Path.Contains("/events/", StringComparison.OrdinalIgnoreCase));
            return new Phase(name, pairCount, mentorCount, deltaReads + eventReads, eventReads, calendars.Throttled - throttledBefore, sw.Elapsed.TotalSeconds, await CountMeetingsAsync());
        }

        var phases = new List<Phase> { await MeasureAsync("baseline: first scans (full sync, one scan job per pair start)") };

        // Steady state: one half-hour of slots (every mentor's next delta scan), with 5 % of calendars changed: a new
        // single meeting, or (for a mentor whose first pair meets weekly) the series growing by a fifth occurrence.
        for (var m = 0; m < mentorCount; m += 20)
        {
            calendars.Put(mentors[m].Id, m % 40 == 0
                ? GraphEvents.Occurrence($"s{m}", 4, now.AddDays(29).AddMinutes(m % 60), TimeSpan.FromMinutes(30))
                : GraphEvents.Meeting($"new-{m}", clock.GetUtcNow().AddDays(5), TimeSpan.FromMinutes(30), mentors[m].Mail!, pairs[m].Mentee.Mail!));
        }

        clock.Advance(TimeSpan.FromMinutes(30));
        phases.Add(await MeasureAsync("steady state: one half-hourly delta scan per mentor"));
        clock.Advance(TimeSpan.FromMinutes(30));
        phases.Add(await MeasureAsync("steady state, nothing changed"));
        return phases;
    }

    private static Person Person(string name) =>
        new(Guid.NewGuid().ToString(), name, $"{name}@contoso.example", $"{name}@contoso.example") { Addresses = [$"{name}@contoso.example"] };
}
