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
using Xunit.Abstractions;

namespace MentorBot.FaultTests;

/// <summary>
/// Graph answers every calendar read with 429 (Retry-After: 1) or 503 (Retry-After: 0) for two hours, then recovers: the scans back off
/// (the SDK's retries, then the job runner's growing delays; no tight loop), and every meeting is found once after.
/// </summary>
public sealed class GraphStormTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const string TenantId = FaultHost.TenantId;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StormLength = TimeSpan.FromHours(2);

    [Fact(Timeout = 60_000)]
    public async Task A_storm_of_429s_and_503s_backs_off_and_no_meeting_is_lost_after_recovery()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        clock.Advance(new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(9), TimeSpan.Zero) - clock.GetUtcNow());
        await using var channel = await TeamsChannelStandIn.StartAsync(clock);
        await using var graph = await GraphStandIn.StartAsync(clock);
        var calendars = CalendarStandIn.Attach(graph);
        var settings = FaultHost.Settings(channel, azurite.ConnectionString, azurite.NewTablePrefix());
        settings["Graph:BaseUrl"] = graph.BaseUrl;
        await using var host = new FaultHost(settings, clock);
        (await host.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        var runner = host.Services.GetRequiredService<JobRunner>();
        var meetings = host.Services.GetRequiredService<MeetingStore>();

        var program = new MentorshipProgram
        {
            TenantId = TenantId,
            ProgramId = "storm",
            Name = "Storm",
            Channel = new CoordinatorsChannel(channel.ServiceUrl, "19:coordinators@thread.tacv2", null, "Coordinators"),
            Settings = new ProgramSettings { CheckInDelayMinutes = 15 },
            CreatedAt = clock.GetUtcNow(),
        };
        await host.Services.GetRequiredService<ProgramStore>().SaveAsync(program, null, default);

        // Two mentors; the first mentors two people (one calendar shared by two pairs).
        var mia = Person("mia");
        var leo = Person("leo");
        var pairs = new List<Pair>
        {
            await StartPairAsync(host, program, mia, Person("max"), clock),
            await StartPairAsync(host, program, mia, Person("nia"), clock),
            await StartPairAsync(host, program, leo, Person("ola"), clock),
        };
        var expected = pairs.ToDictionary(p => p.PairId, _ => new HashSet<string>(StringComparer.Ordinal));
        var eventNumber = 0;
        void AddMeeting(Pair pair, DateTimeOffset start)
        {
            var id = $"event-{++eventNumber}";
            calendars.Put(pair.Mentor.Id, GraphEvents.Meeting(id, start, TimeSpan.FromMinutes(30), pair.Mentor.Mail!, pair.Mentee.Mail!));
            expected[pair.PairId].Add(id);
        }

        // Before the storm: one meeting each, found by the first (full) sync.
        foreach (var pair in pairs)
        {
            AddMeeting(pair, clock.GetUtcNow().AddDays(3));
        }

        await runner.RunDueAsync(default);
        foreach (var pair in pairs)
        {
            Assert.Single(await meetings.ForPairAsync(TenantId, pair.PairId, default), m => m.Counts);
        }

        // The storm: every Graph request fails, 429 with Retry-After: 1 in every third 10-minute step and
        // 503 with Retry-After: 0 in the others; meetings are booked meanwhile.
        graph.Clear();
        var perStep = new List<(string Fault, int Requests, double Seconds)>();
        var stormEnd = clock.GetUtcNow() + StormLength;
        var step = 0;
        var throttledAttempts = new List<double>();
        while (clock.GetUtcNow() < stormEnd)
        {
            var throttling = step % 3 == 0;
            graph.FailNext(100_000, throttling ? 429 : 503, throttling ? TimeSpan.FromSeconds(1) : TimeSpan.Zero);
            if (step % 3 == 1)
            {
                AddMeeting(pairs[step % pairs.Count], clock.GetUtcNow().AddDays(4).AddMinutes(step));
            }

            clock.Advance(Step);
            var before = graph.Requests.Count;
            var sw = Stopwatch.StartNew();
            await runner.RunDueAsync(default);
            perStep.Add((throttling ? "429" : "503", graph.Requests.Count - before, sw.Elapsed.TotalSeconds));
            if (throttling && graph.Requests.Count - before > 0)
            {
                throttledAttempts.Add(sw.Elapsed.TotalSeconds);
            }

            step++;
        }

        var stormRequests = graph.Requests.Count;
        var stormStatuses = graph.Requests.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (fault, requests, seconds) in perStep)
        {
            output.WriteLine($"storm step ({fault}): {requests} Graph requests in {seconds:F1} s");
        }

        output.WriteLine($"storm: {stormRequests} Graph requests in {StormLength.TotalMinutes} min for 2 calendars ({string.Join(", ", stormStatuses.Select(s => $"{s.Key}: {s.Value}"))})");

        // Recovery: Graph answers again; the next scans read on and find everything.
        graph.FailNext(0, 503);
        graph.Clear();
        for (var i = 0; i < 6; i++)
        {
            clock.Advance(Step);
            await runner.RunDueAsync(default);
        }

        var afterRequests = graph.Requests;
        output.WriteLine($"after recovery: {afterRequests.Count} Graph requests in 60 min, statuses {string.Join(", ", afterRequests.Select(r => r.StatusCode).Distinct())}");

        // No tight loop: the SDK's 4 tries per scan attempt, and attempts only when a scan job is due. Each calendar
        // has a slot every 30 minutes, and each failed slot is retried after 1, 5 and 15 minutes and 1 hour: at most
        // 2 slots x 5 attempts x 4 tries = 40 requests per calendar per hour (measured: 128 for 2 calendars in 2 hours,
        // i.e. 32 per calendar per hour; a tight loop would make thousands).
        Assert.All(stormStatuses.Keys, s => Assert.True(s is 429 or 503, $"status {s} during the storm"));
        Assert.True(stormRequests <= 2 * 40 * StormLength.TotalHours, $"{stormRequests} Graph requests during a {StormLength.TotalMinutes}-minute storm");
        Assert.All(perStep, s => Assert.True(s.Requests <= 2 * 4 * 4, $"{s.Requests} requests in one 10-minute step"));
        Assert.Equal(0, stormRequests % 4); // every failed attempt was retried by the SDK exactly three times, never more
        // Retry-After honoured: a throttled read's four tries take at least the three 1-second waits.
        Assert.All(throttledAttempts, seconds => Assert.True(seconds >= 2.9, $"a throttled read's 4 tries took {seconds:F2} s"));

        // No lost meeting, none twice.
        Assert.All(afterRequests, r => Assert.Equal(200, r.StatusCode));
        foreach (var pair in pairs)
        {
            var found = (await meetings.ForPairAsync(TenantId, pair.PairId, default)).Where(m => m.Counts).Select(m => m.EventId!).ToList();
            Assert.Equal(expected[pair.PairId].Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        }
    }

    private static Person Person(string name) =>
        new(Guid.NewGuid().ToString(), name, $"{name}@contoso.example", $"{name}@contoso.example") { Addresses = [$"{name}@contoso.example"] };

    private static async Task<Pair> StartPairAsync(FaultHost host, MentorshipProgram program, Person mentor, Person mentee, TimeProvider clock)
    {
        var start = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var pair = new Pair
        {
            TenantId = TenantId,
            ProgramId = program.ProgramId,
            PairId = $"storm-{mentor.Name}-{mentee.Name}",
            Mentor = mentor,
            Mentee = mentee,
            Start = start,
            PlannedEnd = start.AddDays(7 * 26),
            Stage = PairStage.Working,
            CreatedAt = clock.GetUtcNow(),
        };
        Assert.True(await host.Services.GetRequiredService<PairStore>().TryAddAsync(pair, default));
        var handler = host.Services.GetServices<IPairStartHandler>().OfType<ScanOnPairStart>().Single();
        await handler.OnPairStartedAsync(pair, program, default);
        return pair;
    }
}
