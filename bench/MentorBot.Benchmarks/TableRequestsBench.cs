using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Data.Tables;
using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Expectations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Protocol.Schema;
using MentorBot.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Benchmarks;

/// <summary>
/// Table requests per handled activity in steady state (issue 17 item 5), counted from inside the service's table
/// clients. Every person has talked to the bot before (warm-up); then a mix of kinds, each kind in its own phase so
/// its requests can be told apart: "help" from known people, check-in answers and expectations-dialog answers pressed
/// on cards (invokes that move a check-in or a dialog on, with the partner told), and the bot added again to a known
/// person's chat (a conversationUpdate). A phase ends when the turn replies are delivered (saved, sent, removed), so
/// the outbox step is counted; the figure without it is printed beside.
/// </summary>
internal static class TableRequestsBench
{
    private const string Help = "help";
    private const string CheckIn = "check-in answer (invoke)";
    private const string DialogStep = "dialog answer (invoke)";
    private const string Update = "conversationUpdate (bot added)";

    public sealed record KindResult(string Kind, int Activities, int Handled, int Requests, int OutboxStep);

    public static async Task RunAsync(
        IReadOnlyDictionary<string, string> settings, TeamsChannelStandIn teams, string appId, string tenantId, bool quick)
    {
        var pairCount = quick ? 50 : 100;
        var helpCount = quick ? 100 : 200;
        var updates = quick ? 10 : 20;
        var prefix = settings["Storage:TablePrefix"];
        var counter = new TableRequestCounter(prefix);
        await using var bench = new BenchHost(settings, null);
        // The product's own registrations, with a table service client that counts what reaches Azurite.
        await using var host = bench.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton(counter.CountedClient(settings["Storage:ConnectionString"]))));
        var client = host.CreateClient();
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        var services = host.Services;
        var delivery = services.GetRequiredService<TurnReplyDelivery>();
        var activities = new ActivityFactory(teams, appId, tenantId);
        var token = activities.CreateToken();

        counter.Phase = "seed";
        var warmPairs = 10;
        var pairs = await SeedAsync(services, tenantId, teams.ServiceUrl, "tr" + prefix, pairCount + warmPairs);
        var people = pairs.SelectMany(p => new[] { p.Mentor, p.Mentee }).ToList();

        // Warm-up: everyone has talked to the bot (their reference is known), and each kind ran a few times (JIT, caches).
        counter.Phase = "warm-up";
        await RunAsync(client, token, people.Select(u => activities.PersonalMessage(u.User, "hi")).ToList());
        var warm = pairs.Take(warmPairs).ToList();
        await RunAsync(client, token, warm.Select(p => CheckInClick(activities, p)).ToList());
        await RunAsync(client, token, await DialogClicksAsync(services, activities, warm));
        await RunAsync(client, token, warm.Select(p => activities.BotAddedToPersonal(p.Mentor.User)).ToList());
        await delivery.WhenIdleAsync(TimeSpan.FromSeconds(60));

        var measured = pairs.Skip(warmPairs).ToList();
        var phases = new List<(string Kind, Func<Task<IReadOnlyList<JsonObject>>> Activities)>
        {
            (Help, () => Task.FromResult<IReadOnlyList<JsonObject>>(
                Enumerable.Range(0, helpCount).Select(i => activities.PersonalMessage(people[(2 * warmPairs + i) % people.Count].User, "help")).ToList())),
            (CheckIn, () => Task.FromResult<IReadOnlyList<JsonObject>>(measured.Select(p => CheckInClick(activities, p)).ToList())),
            // Started just before, so the "help" above came from people outside any dialog.
            (DialogStep, () => DialogClicksAsync(services, activities, measured)),
            (Update, () => Task.FromResult<IReadOnlyList<JsonObject>>(measured.Take(updates).Select(p => activities.BotAddedToPersonal(p.Mentee.User)).ToList())),
        };
        var results = new List<KindResult>();
        foreach (var (kind, make) in phases)
        {
            counter.Phase = "seed";
            var list = await make();
            counter.Phase = kind;
            var handled = await RunAsync(client, token, list);
            await delivery.WhenIdleAsync(TimeSpan.FromSeconds(60));
            var counts = counter.Of(kind);
            results.Add(new KindResult(kind, list.Count, handled, counts.Sum(c => c.Count), counts.Where(c => c.OutboxStep).Sum(c => c.Count)));
        }

        Print(results, counter);
    }

    private static void Print(IReadOnlyList<KindResult> results, TableRequestCounter counter)
    {
        Console.WriteLine($"{"kind",-34} {"handled",7} {"requests",8} {"per act.",8} {"outbox step",11} {"without it",10}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Kind,-34} {r.Handled,4}/{r.Activities,-3} {r.Requests,7} {Per(r.Requests, r.Handled),8:F2} {Per(r.OutboxStep, r.Handled),11:F2} {Per(r.Requests - r.OutboxStep, r.Handled),10:F2}");
        }

        var handled = results.Sum(r => r.Handled);
        var requests = results.Sum(r => r.Requests);
        var outbox = results.Sum(r => r.OutboxStep);
        Console.WriteLine($"{"all (the mix above)",-34} {handled,8} {requests,7} {Per(requests, handled),8:F2} {Per(outbox, handled),11:F2} {Per(requests - outbox, handled),10:F2}");
        Console.WriteLine($"Table requests per handled activity, steady state, replies delivered: {Per(requests, handled):F2} " +
            $"(without the outbox step {Per(requests - outbox, handled):F2}; goal <= 3.5 with it).");
        Console.WriteLine("By table (requests per handled activity of each kind; * = outbox step):");
        var targets = results.SelectMany(r => counter.Of(r.Kind)).GroupBy(c => (c.Target, c.OutboxStep))
            .OrderByDescending(g => g.Sum(c => c.Count)).Select(g => g.Key).ToList();
        Console.WriteLine($"  {"table",-32} " + string.Join(' ', results.Select(r => $"{Short(r.Kind),10}")) + $" {"all",8}");
        foreach (var (target, outboxStep) in targets)
        {
            var cells = results.Select(r => Per(counter.Of(r.Kind).Where(c => c.Target == target && c.OutboxStep == outboxStep).Sum(c => c.Count), r.Handled));
            var all = Per(results.Sum(r => counter.Of(r.Kind).Where(c => c.Target == target && c.OutboxStep == outboxStep).Sum(c => c.Count)), handled);
            Console.WriteLine($"  {(outboxStep ? "* " : "") + target,-32} " + string.Join(' ', cells.Select(c => $"{c,10:F2}")) + $" {all,8:F2}");
        }
    }

    private static string Short(string kind) => kind.Split(' ')[0];

    private static double Per(int count, int handled) => (double)count / Math.Max(1, handled);

    /// <summary>Sends the activities, 8 at a time; returns how many were answered 2xx.</summary>
    private static async Task<int> RunAsync(HttpClient client, string token, IReadOnlyList<JsonObject> list)
    {
        var ok = 0;
        await Parallel.ForEachAsync(list, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (activity, ct) =>
        {
            using var response = await client.PostActivityAsync(activity, token, cancellationToken: ct);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref ok);
            }
        });
        return ok;
    }

    internal sealed record Party(TestUser User, Person Person)
    {
        public static Party Of(TestUser user) => new(user, new Person(user.AadObjectId, user.Name, user.Upn, user.Email));
    }

    internal sealed record SeededPair(Pair Pair, Party Mentor, Party Mentee, string MeetingKey);

    /// <summary>The mentee answers the check-in of the pair's last meeting in their personal chat ("working well").</summary>
    internal static JsonObject CheckInClick(ActivityFactory activities, SeededPair p)
    {
        var card = CardJson.ToElement(CheckInCard.Create(p.Pair, p.MeetingKey, "yesterday", p.Mentee.Person.Id, []));
        var data = JsonNode.Parse(card.GetProperty("actions")[0].GetProperty("data").GetRawText())!.AsObject();
        data["structure"] = "working";
        data["needs"] = "no";
        data["differently"] = "no";
        data["note"] = "";
        data["private"] = "false";
        data["help"] = "false";
        var chat = activities.PersonalMessage(p.Mentee.User, "x");
        return activities.CardInvoke(chat, p.Mentee.User, CheckInCard.AnswerVerb, data, replyToId: "1:" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>The mentor's expectations questions started; the press answers the first one and gets the second.</summary>
    private static async Task<IReadOnlyList<JsonObject>> DialogClicksAsync(IServiceProvider services, ActivityFactory activities, IReadOnlyList<SeededPair> pairs)
    {
        var engine = services.GetRequiredService<DialogEngine>();
        var clicks = new List<JsonObject>();
        foreach (var p in pairs)
        {
            var options = ExpectationsDialogOptions.For(p.Pair, PairRole.Mentor, previous: null).ToDictionary();
            var first = await engine.BeginInPersonalChatAsync(p.Mentor.Person.Id, ExpectationsDialog.DialogId, options, default);
            var card = JsonSerializer.SerializeToNode(first.Attachments![0].Content, ProtocolJson.Options)!;
            var data = card["actions"]![0]!["data"]!.DeepClone().AsObject();
            data[PromptCard.AnswerInputId] = "feedback on presentations; introductions to the data team";
            var chat = activities.PersonalMessage(p.Mentor.User, "x");
            clicks.Add(activities.CardInvoke(chat, p.Mentor.User, PromptCard.AnswerVerb, data, replyToId: "1:" + Guid.NewGuid().ToString("N")));
        }

        return clicks;
    }

    /// <summary>A program and started pairs of stand-in users, each with a meeting that ended an hour ago (no pair chat).</summary>
    internal static async Task<IReadOnlyList<SeededPair>> SeedAsync(IServiceProvider services, string tenantId, string serviceUrl, string programId, int count)
    {
        var now = DateTimeOffset.UtcNow;
        await services.GetRequiredService<ProgramStore>().SaveAsync(new MentorshipProgram
        {
            TenantId = tenantId,
            ProgramId = programId,
            Name = programId,
            Channel = new CoordinatorsChannel(serviceUrl, "19:coordinators@thread.tacv2", null, "Coordinators"),
            Settings = new ProgramSettings { CheckInDelayMinutes = 15, QuietHoursStart = 0, QuietHoursEnd = 0 },
            CreatedAt = now,
        }, null, default);
        var pairStore = services.GetRequiredService<PairStore>();
        var meetings = services.GetRequiredService<MeetingStore>();
        // The meeting store's writer is internal to the product (discovery is its only caller), as in DueCheckIns.
        var addMeeting = typeof(MeetingStore).GetMethod("TryAddAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var start = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-7);
        var seeded = new SeededPair[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var mentor = Party.Of(TestUser.Create($"Mentor {i}"));
            var mentee = Party.Of(TestUser.Create($"Mentee {i}"));
            var pair = new Pair
            {
                TenantId = tenantId,
                ProgramId = programId,
                PairId = Guid.NewGuid().ToString("N")[..20],
                Mentor = mentor.Person,
                Mentee = mentee.Person,
                Start = start,
                PlannedEnd = start.AddDays(7 * 26),
                Stage = PairStage.Working,
                CreatedAt = now,
            };
            await pairStore.TryAddAsync(pair, ct);
            var meetingKey = "event-" + i.ToString(CultureInfo.InvariantCulture);
            await (Task<Azure.ETag?>)addMeeting.Invoke(meetings, [new Meeting
            {
                TenantId = tenantId,
                ProgramId = programId,
                PairId = pair.PairId,
                MeetingKey = meetingKey,
                Start = now.AddHours(-1.5),
                End = now.AddHours(-1),
                EventId = meetingKey,
                DiscoveredAt = now,
                UpdatedAt = now,
            }, ct])!;
            seeded[i] = new SeededPair(pair, mentor, mentee, meetingKey);
        });
        return seeded;
    }
}
