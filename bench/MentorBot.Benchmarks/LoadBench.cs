using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Benchmarks;

/// <summary>
/// The load scenario of #17: a coordinator posts a CSV of new pairs (its import job's messages are the fan-out) while
/// people press a card button and type "help" at a steady rate, against a channel stand-in with Teams' limits and
/// every 20th call within them answered 429. Run once for the product and once for today's design
/// (<see cref="TodaysDesign"/>), each on fresh tables and a fresh channel, same load.
/// </summary>
internal static class LoadBench
{
    private const string AppId = "6b1f0c34-8d2a-4e7b-9c5d-1a2b3c4d5e6f";
    private const string TenantId = "2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f";
    private const int TenantLimit = 50;
    private const string ProgramName = "Load program";

    /// <param name="ThrottleEveryNth">every Nth call within the limits answered 429 (20 in the issue; 0 for none, to compare).</param>
    public sealed record Scale(int PoolPairs, int CsvRows, int LoadSeconds, int ClicksPerSecond, int HelpPerSecond, TimeSpan DrainAtMost, int ThrottleEveryNth = 20);

    public static Scale For(bool quick) => quick
        ? new Scale(PoolPairs: 50, CsvRows: 50, LoadSeconds: 10, ClicksPerSecond: 5, HelpPerSecond: 5, DrainAtMost: TimeSpan.FromSeconds(90))
        : new Scale(PoolPairs: 100, CsvRows: 200, LoadSeconds: 30, ClicksPerSecond: 5, HelpPerSecond: 5, DrainAtMost: TimeSpan.FromSeconds(240));

    public static async Task RunAsync(AzuriteProcess azurite, bool quick, int? throttleEveryNth)
    {
        var scale = For(quick) with { ThrottleEveryNth = throttleEveryNth ?? 20 };
        Console.WriteLine($"== Load (#17): a {scale.CsvRows}-row CSV of new pairs (its messages are the fan-out) while {scale.ClicksPerSecond}/s press a " +
            $"check-in button and {scale.HelpPerSecond}/s type \"help\" for {scale.LoadSeconds} s; pool of {scale.PoolPairs} pairs ==");
        Console.WriteLine($"Channel stand-in: per tenant {TenantLimit}/s sliding; per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h; {(scale.ThrottleEveryNth > 0 ? $"every {scale.ThrottleEveryNth}th call within them 429" : "no extra 429s")}; Retry-After: 1");
        var todays = await RunDesignAsync("today's design", todaysDesign: true, azurite, scale);
        var product = await RunDesignAsync("product", todaysDesign: false, azurite, scale);
        LoadReport.Print(todays, product, scale, TenantLimit);
    }

    private static async Task<LoadResult> RunDesignAsync(string name, bool todaysDesign, AzuriteProcess azurite, Scale scale)
    {
        Console.WriteLine($"({name}: seeding...)");
        var stamp = DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
        await using var teams = await TeamsChannelStandIn.StartAsync();
        await using var graph = await GraphStandIn.StartAsync();
        var limits = new TeamsRateLimits { TenantPerSecond = TenantLimit, ThrottleEveryNth = scale.ThrottleEveryNth };
        teams.EnforceRateLimits(limits);
        var coordinator = TestUser.Create($"Cora Coordinator {stamp}");
        var settings = new Dictionary<string, string>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppTenantId"] = TenantId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["ToBotFromChannelOpenIdMetadataUrl"] = teams.MetadataUrl,
            ["ToBotFromEntraOpenIdMetadataUrl"] = teams.EntraMetadataUrlTemplate,
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = "load" + (todaysDesign ? "t" : "p") + stamp,
            ["Teams:AllowedTenantIds"] = TenantId,
            ["Graph:BaseUrl"] = graph.BaseUrl,
            ["Coordinators:UserIds"] = coordinator.AadObjectId,
            // The import is a job: this host runs jobs, looking for due ones every second rather than every 15.
            ["Jobs:Enabled"] = "true",
            ["Jobs:PollSeconds"] = "1",
        };
        if (todaysDesign)
        {
            settings["Teams:RequestsPerSecond"] = TodaysDesign.UnpacedRequestsPerSecond;
        }

        await using var bench = new BenchHost(settings, todaysDesign ? new SendPacer(48, burst: 2) : null);
        // The product's table requests are counted (each try, as Azurite sees it), to show what the fan-out costs Azurite.
        var counter = new TableRequestCounter(settings["Storage:TablePrefix"]);
        WebApplicationFactory<Program> host = todaysDesign
            ? bench.WithWebHostBuilder(b => TodaysDesign.Apply(b, azurite.ConnectionString))
            : bench.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(counter.CountedClient(azurite.ConnectionString))));
        var client = host.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        var services = host.Services;
        var activities = new ActivityFactory(teams, AppId, TenantId);
        var token = activities.CreateToken();
        Know(teams, graph, coordinator);

        // The coordinator sets the program up in a channel, through the bot's own protocol.
        var channel = ConversationIds.NewChannel();
        await PostAsync(client, token, activities.ChannelMessage(channel, channel, coordinator, "setup " + ProgramName));
        await teams.WaitForActivityAsync(c => c.ConversationId?.StartsWith(channel, StringComparison.Ordinal) == true && c.AllText.Contains("Program set up", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // The pool: started pairs with a meeting that ended, whose people have talked to the bot before.
        var pool = await TableRequestsBench.SeedAsync(services, TenantId, teams.ServiceUrl, "pool" + stamp, scale.PoolPairs);
        var people = pool.SelectMany(p => new[] { p.Mentor.User, p.Mentee.User }).ToList();
        foreach (var person in people)
        {
            Know(teams, graph, person);
        }

        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (u, _) => await PostAsync(client, token, activities.PersonalMessage(u, "hi")));
        var poolChats = people.Select(u => ConversationIds.Personal(u.TeamsId)).ToHashSet(StringComparer.Ordinal);
        poolChats.Add("19:coordinators@thread.tacv2");

        // Warm-up of both paths (JIT, caches), on people the measured load does not use first.
        var warm = pool.Take(5).ToList();
        foreach (var p in warm)
        {
            await PostAsync(client, token, TableRequestsBench.CheckInClick(activities, p));
            await PostAsync(client, token, activities.PersonalMessage(p.Mentor.User, "help"));
        }

        await services.GetRequiredService<TurnReplyDelivery>().WhenIdleAsync(TimeSpan.FromSeconds(60));

        var newPeople = Enumerable.Range(0, 2 * scale.CsvRows).Select(i => TestUser.Create($"New {(i % 2 == 0 ? "Mentor" : "Mentee")} {i / 2} {stamp}")).ToList();
        foreach (var person in newPeople)
        {
            Know(teams, graph, person);
        }

        var csv = new StringBuilder("mentor,mentee,program\r\n");
        for (var i = 0; i < scale.CsvRows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{newPeople[2 * i].Upn},{newPeople[(2 * i) + 1].Upn},{ProgramName}\r\n");
        }

        var csvMessage = FileMessage(activities, graph, coordinator, Encoding.UTF8.GetBytes(csv.ToString()));
        var coordinatorChat = ConversationIds.Personal(coordinator.TeamsId);
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // an empty tenant window

        Console.WriteLine($"({name}: load...)");
        counter.Phase = "load";
        var load = new LoadRun(client, token);
        var started = DateTimeOffset.UtcNow;
        var clicks = load.AtFixedRate(scale.ClicksPerSecond, scale.LoadSeconds, TimeSpan.Zero,
            i => TableRequestsBench.CheckInClick(activities, pool[warm.Count + (i % (pool.Count - warm.Count))]));
        var helps = load.AtFixedRate(scale.HelpPerSecond, scale.LoadSeconds, TimeSpan.FromMilliseconds(100),
            i => activities.PersonalMessage(people[(2 * warm.Count) + (i % (people.Count - (2 * warm.Count)))], "help"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var csvPost = await load.PostOnceAsync(csvMessage);
        var clickPosts = await clicks;
        var helpPosts = await helps;

        Console.WriteLine($"({name}: load sent; waiting for the fan-out to drain...)");
        var drained = await DrainAsync(services, teams, scale.DrainAtMost);
        var finished = DateTimeOffset.UtcNow;
        counter.Phase = "after";
        if (!todaysDesign)
        {
            PrintTableRequests(name, counter, teams.Calls.Count(c => c.Succeeded && c.ReceivedAt >= started));
        }

        // What the channel accepted in each second of the run: the tenant's budget in use, ramp and tail included.
        var perSecond = teams.Calls.Where(c => c.Succeeded && c.ReceivedAt >= started)
            .GroupBy(c => (int)(c.ReceivedAt - started).TotalSeconds).OrderBy(g => g.Key).Select(g => g.Count().ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"({name}: calls accepted in each second from the start of the load: {string.Join(' ', perSecond)})");

        var pendingTurns = await CountPendingTurnsAsync(azurite.ConnectionString, settings["Storage:TablePrefix"]);
        var dead = (await services.GetRequiredService<JobStore>().DeadAsync(CancellationToken.None)).Count;
        return LoadResult.From(name, teams.Calls, limits, started, finished, clickPosts, helpPosts, csvPost, poolChats, coordinatorChat,
            newPeople.Select(u => ConversationIds.Personal(u.TeamsId)).ToList(), pendingTurns, dead, drained);
    }

    /// <summary>The table requests of the load and drain, per call the channel accepted, by table (the largest first).</summary>
    private static void PrintTableRequests(string name, TableRequestCounter counter, int accepted)
    {
        var counts = counter.Of("load");
        var total = counts.Sum(c => c.Count);
        Console.WriteLine($"({name}: {total} table requests during the load and drain, {(double)total / Math.Max(1, accepted):F2} per call the channel accepted ({accepted}); by table:)");
        foreach (var (target, outboxStep, count) in counts.Take(20))
        {
            Console.WriteLine($"   {(outboxStep ? "* " : "") + target,-36} {count,7} {(double)count / Math.Max(1, accepted),6:F2}");
        }
    }

    private static void Know(TeamsChannelStandIn teams, GraphStandIn graph, TestUser person)
    {
        graph.AddUser(GraphUser.From(person));
        teams.AddMember(person, TenantId);
    }

    private static async Task PostAsync(HttpClient client, string token, JsonObject activity)
    {
        using var response = await client.PostActivityAsync(activity, token);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A personal-chat message carrying the file as Teams delivers it (protocol.md I), served by the Graph stand-in.</summary>
    private static JsonObject FileMessage(ActivityFactory activities, GraphStandIn graph, TestUser from, byte[] content)
    {
        var path = $"/files/{Guid.NewGuid():N}";
        graph.Map("GET", path, async context =>
        {
            context.Response.ContentType = "text/csv";
            await context.Response.Body.WriteAsync(content);
        });
        var message = activities.PersonalMessage(from, "register");
        message["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["contentUrl"] = "https://contoso.sharepoint.com/personal/cora/Documents/Microsoft Teams Chat Files/pairs.csv",
            ["name"] = "pairs.csv",
            ["content"] = new JsonObject
            {
                ["downloadUrl"] = graph.BaseUrl + path,
                ["uniqueId"] = Guid.NewGuid().ToString(),
                ["fileType"] = "csv",
            },
        });
        return message;
    }

    /// <summary>Waits until nothing is due or on its way and the channel has been quiet for 3 s; false on the time limit.</summary>
    private static async Task<bool> DrainAsync(IServiceProvider services, TeamsChannelStandIn teams, TimeSpan atMost)
    {
        var delivery = services.GetRequiredService<TurnReplyDelivery>();
        var jobs = services.GetRequiredService<JobStore>();
        var until = DateTimeOffset.UtcNow + atMost;
        while (DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var calls = teams.Calls;
            var quiet = calls.Count == 0 || DateTimeOffset.UtcNow - calls[^1].ReceivedAt > TimeSpan.FromSeconds(3);
            if (quiet && delivery.InFlight == 0 && (await jobs.DueAsync(DateTimeOffset.UtcNow.AddSeconds(5), 1, CancellationToken.None)).Count == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<int> CountPendingTurnsAsync(string connectionString, string prefix)
    {
        var table = new Azure.Data.Tables.TableClient(connectionString, prefix + "InboundActivities");
        var n = 0;
        await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(ActivityRecords.RangeFilter(ActivityRecords.TurnPrefix), select: ["RowKey"]))
        {
            n++;
        }

        return n;
    }
}

/// <summary>Posts activities at a fixed rate and keeps, per post, when it left and when its HTTP answer came.</summary>
internal sealed class LoadRun(HttpClient client, string token)
{
    public sealed record Post(string ActivityId, string ConversationId, DateTimeOffset SentAt, double AnswerMs, int Status);

    public async Task<IReadOnlyList<Post>> AtFixedRate(int perSecond, int seconds, TimeSpan offset, Func<int, JsonObject> activity)
    {
        var total = perSecond * seconds;
        var posts = new List<Task<Post>>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var wait = offset + TimeSpan.FromSeconds((double)i / perSecond) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var next = activity(i);
            posts.Add(Task.Run(() => PostOnceAsync(next)));
        }

        return await Task.WhenAll(posts);
    }

    public async Task<Post> PostOnceAsync(JsonObject activity)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PostActivityAsync(activity, token);
            await response.Content.ReadAsByteArrayAsync();
            return new Post(activity["id"]!.GetValue<string>(), activity["conversation"]!["id"]!.GetValue<string>(), sentAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new Post(activity["id"]!.GetValue<string>(), activity["conversation"]!["id"]!.GetValue<string>(), sentAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0);
        }
    }
}
