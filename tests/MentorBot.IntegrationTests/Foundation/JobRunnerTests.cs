using MentorBot.Infrastructure.Jobs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Schema;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Foundation;

public sealed class JobRunnerTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public JobRunnerTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    /// <summary>Records when each job ran, to see what overlapped.</summary>
    private sealed class RecordingJob : IJobHandler
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, int> _runningPerPair = [];
        private int _running;

        public string Kind => "test.recording";

        public List<(string Pair, string Key, int RunningAtStart)> Started { get; } = [];

        public int MostAtOnce { get; private set; }

        public int MostAtOnceForOnePair { get; private set; }

        public async Task RunAsync(Job job, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _running++;
                MostAtOnce = Math.Max(MostAtOnce, _running);
                var forPair = _runningPerPair[job.Get("pair")!] = _runningPerPair.GetValueOrDefault(job.Get("pair")!) + 1;
                MostAtOnceForOnePair = Math.Max(MostAtOnceForOnePair, forPair);
                Started.Add((job.Get("pair")!, job.Key, _running));
            }

            // Long enough for other jobs to start meanwhile if the runner lets them.
            await Task.Delay(150, cancellationToken);
            lock (_gate)
            {
                _running--;
                _runningPerPair[job.Get("pair")!]--;
            }
        }
    }

    [Fact]
    public async Task Jobs_of_different_pairs_run_side_by_side_and_jobs_of_one_pair_one_after_another()
    {
        var recorder = new RecordingJob();
        await using var bot = await BotScenario.StartAsync(_azurite, services => services.AddSingleton<IJobHandler>(recorder));
        var store = bot.Host.Services.GetRequiredService<JobStore>();
        var now = bot.Clock.GetUtcNow();
        foreach (var pair in new[] { "p1", "p2", "p3", "p4" })
        {
            for (var i = 0; i < 2; i++)
            {
                await store.ScheduleAsync(new Job("test.recording", $"{pair}/{i}", now) { Data = new Dictionary<string, string> { ["pair"] = pair } }, default);
            }
        }

        // (The host schedules jobs of its own at start, e.g. retention, so what ran is counted by the recorder.)
        await bot.RunJobsAsync();

        Assert.Equal(8, recorder.Started.Count);
        Assert.True(recorder.MostAtOnce >= 2, $"at most {recorder.MostAtOnce} ran at once");
        Assert.Equal(1, recorder.MostAtOnceForOnePair);
        foreach (var pair in new[] { "p1", "p2", "p3", "p4" })
        {
            var mine = recorder.Started.Where(s => s.Pair == pair).Select(s => s.Key).ToList();
            Assert.Equal([$"{pair}/0", $"{pair}/1"], mine.Order());
        }

        // Each finished job is recorded once and never runs again.
        await bot.RunJobsAsync();
        Assert.Equal(8, recorder.Started.Count);
    }

    /// <summary>Fails the runs whose number (1, 2, ...) is listed.</summary>
    private sealed class FlakyJob(params int[] failingRuns) : IJobHandler
    {
        public string Kind => "test.flaky";

        public int Runs { get; private set; }

        public Task RunAsync(Job job, CancellationToken cancellationToken)
        {
            Runs++;
            return failingRuns.Contains(Runs) ? throw new InvalidOperationException($"run {Runs} fails") : Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_follow_up_that_fails_again_after_its_key_once_completed_is_retried_not_dropped()
    {
        // Runs 1 and 3 (run at once, as a turn's follow-up) fail; 2 and 4 (the stored retries) succeed.
        var flaky = new FlakyJob(1, 3);
        await using var bot = await BotScenario.StartAsync(_azurite, services => services.AddSingleton<IJobHandler>(flaky));
        var runner = bot.Host.Services.GetRequiredService<JobRunner>();
        var followUp = new Job("test.flaky", "pair-1/answer", bot.Clock.GetUtcNow());

        await runner.RunNowAsync(followUp, default);
        bot.Clock.Advance(TimeSpan.FromHours(1));
        await bot.RunJobsAsync();
        Assert.Equal(2, flaky.Runs);

        // A later press runs the same follow-up again, and it fails: the key's "done" row must not swallow the retry.
        await runner.RunNowAsync(followUp, default);
        bot.Clock.Advance(TimeSpan.FromHours(1));
        await bot.RunJobsAsync();
        Assert.Equal(4, flaky.Runs);

        // And once it succeeded, nothing is left to run.
        bot.Clock.Advance(TimeSpan.FromHours(1));
        await bot.RunJobsAsync();
        Assert.Equal(4, flaky.Runs);
    }

    /// <summary>Sends one message (or opens a personal chat) through the product's connector, as a job of a tenant.</summary>
    private sealed class SendingJob(ConnectorClient connector) : IJobHandler
    {
        public string Kind => "test.sending";

        public List<string> Ran { get; } = [];

        public async Task RunAsync(Job job, CancellationToken cancellationToken)
        {
            lock (Ran)
            {
                Ran.Add(job.Key);
            }

            var serviceUrl = job.Get("serviceUrl")!;
            if (job.Get("conversation") is { } conversation)
            {
                var message = Activity.CreateMessage("hello");
                message.Conversation = new ConversationAccount { Id = conversation, TenantId = BotScenario.TenantId };
                await connector.SendAsync(serviceUrl, conversation, message, cancellationToken);
            }
            else
            {
                await connector.CreatePersonalConversationAsync(serviceUrl, BotScenario.TenantId, "29:someone", null, cancellationToken);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_429_the_tenants_other_jobs_wait_only_when_the_pause_holds_the_tenant(bool tenantWide)
    {
        SendingJob? sender = null;
        await using var bot = await BotScenario.StartAsync(_azurite, services => services.AddSingleton<IJobHandler>(sp =>
            sender = new SendingJob(sp.GetRequiredService<ConnectorClient>())));
        var store = bot.Host.Services.GetRequiredService<JobStore>();
        var now = bot.Clock.GetUtcNow();
        Dictionary<string, string> Data(string? conversation) => conversation is null
            ? new() { ["tenant"] = BotScenario.TenantId, ["serviceUrl"] = bot.Channel.ServiceUrl }
            : new() { ["tenant"] = BotScenario.TenantId, ["serviceUrl"] = bot.Channel.ServiceUrl, ["conversation"] = conversation };
        // Two creates refused together (all the tenant's calls) show its limit met, so they hold the tenant; one send's
        // 429 holds only its chat (PauseReachRule).
        if (tenantWide)
        {
            bot.Channel.FailNext(2, 429, TimeSpan.FromSeconds(30));
            await store.ScheduleAsync(new Job("test.sending", "first", now) { Data = Data(null) }, default);
            await store.ScheduleAsync(new Job("test.sending", "first-too", now) { Data = Data(null) }, default);
        }
        else
        {
            bot.Channel.FailNextSendsIn("19:first@thread.v2", 1, 429, TimeSpan.FromSeconds(30));
            await store.ScheduleAsync(new Job("test.sending", "first", now) { Data = Data("19:first@thread.v2") }, default);
        }

        await bot.RunJobsAsync();
        await store.ScheduleAsync(new Job("test.sending", "second", now) { Data = Data("19:second@thread.v2") }, default);
        await bot.RunJobsAsync();

        Assert.Equal(tenantWide ? 2 : 1, bot.Channel.Calls.Count(c => c.StatusCode == 429));
        if (tenantWide)
        {
            Assert.Equal(["first", "first-too"], sender!.Ran.Order());
            Assert.Empty(bot.Channel.ActivitiesSentTo("19:second@thread.v2"));
        }
        else
        {
            Assert.Equal(["first", "second"], sender!.Ran);
            Assert.Single(bot.Channel.ActivitiesSentTo("19:second@thread.v2"));
        }
    }

    /// <summary>Holds its run until released: a long job, such as an import of many rows.</summary>
    private sealed class LongJob : IJobHandler
    {
        public string Kind => "test.long";

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(Job job, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Jobs_scheduled_while_a_long_job_runs_are_run_without_waiting_for_it()
    {
        var recorder = new RecordingJob();
        var longJob = new LongJob();
        await using var bot = await BotScenario.StartAsync(_azurite, services =>
        {
            services.AddSingleton<IJobHandler>(recorder);
            services.AddSingleton<IJobHandler>(longJob);
        });
        var store = bot.Host.Services.GetRequiredService<JobStore>();
        var now = bot.Clock.GetUtcNow();
        await store.ScheduleAsync(new Job("test.long", "import", now), default);

        var run = bot.RunJobsAsync();
        await longJob.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // Only the long job is left running (the host's own jobs at start are done), so nothing else ending makes the
        // runner read again: it must notice the new jobs by itself.
        await OnlyPendingAsync(bot, "import");
        // What the long job causes (an import's pair starts) is scheduled while it still runs.
        foreach (var pair in new[] { "p1", "p2", "p3" })
        {
            await store.ScheduleAsync(new Job("test.recording", $"{pair}/start", now) { Data = new Dictionary<string, string> { ["pair"] = pair } }, default);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (recorder.Started.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        try
        {
            Assert.Equal(3, recorder.Started.Count);
            Assert.False(run.IsCompleted);
        }
        finally
        {
            longJob.Release.TrySetResult();
            await run;
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_job_due_now_scheduled_while_the_worker_is_idle_runs_without_waiting_for_the_next_poll()
    {
        var recorder = new RecordingJob();
        await using var bot = await BotScenario.StartAsync(_azurite, services => services.AddSingleton<IJobHandler>(recorder),
            settings: new Dictionary<string, string> { ["Jobs:Enabled"] = "true", ["Jobs:PollSeconds"] = "300" });
        var store = bot.Host.Services.GetRequiredService<JobStore>();
        // The worker's first round (the host's own jobs at start) is over; its next look is five minutes away.
        await OnlyPendingAsync(bot, null);

        await store.ScheduleAsync(new Job("test.recording", "p1/now", bot.Clock.GetUtcNow()) { Data = new Dictionary<string, string> { ["pair"] = "p1" } }, default);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (recorder.Started.Count < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(["p1/now"], recorder.Started.Select(s => s.Key));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_job_put_back_for_a_429_runs_when_the_channel_said_not_at_the_workers_next_poll()
    {
        SendingJob? sender = null;
        await using var bot = await BotScenario.StartAsync(_azurite,
            services => services.AddSingleton<IJobHandler>(sp => sender = new SendingJob(sp.GetRequiredService<ConnectorClient>())),
            settings: new Dictionary<string, string> { ["Jobs:Enabled"] = "true", ["Jobs:PollSeconds"] = "300" });
        var store = bot.Host.Services.GetRequiredService<JobStore>();
        await OnlyPendingAsync(bot, null);
        const string chat = "19:throttled@thread.v2";
        bot.Channel.FailNextSendsIn(chat, 1, 429, TimeSpan.FromSeconds(3));

        await store.ScheduleAsync(new Job("test.sending", "once", bot.Clock.GetUtcNow())
        {
            Data = new Dictionary<string, string> { ["tenant"] = BotScenario.TenantId, ["serviceUrl"] = bot.Channel.ServiceUrl, ["conversation"] = chat },
        }, default);
        await bot.Channel.WaitForCallAsync(c => c.ConversationId == chat && c.StatusCode == 429);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await bot.EntitiesAsync("Jobs")).Any(e => e.PartitionKey == "pending" && e.RowKey.Contains("once", StringComparison.Ordinal) && e.GetString("LastError") is not null)
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // Put back: the job's own clock passes the time it was put back for; the worker's next poll is five minutes away.
        bot.Clock.Advance(TimeSpan.FromSeconds(4));

        var sent = await bot.Channel.WaitForCallAsync(c => c.ConversationId == chat && c.Succeeded, TimeSpan.FromSeconds(20));
        Assert.Equal(["once", "once"], sender!.Ran);
        Assert.Equal(chat, sent.ConversationId);
    }

    /// <summary>
    /// Waits until no job is due but the one keyed <paramref name="except"/> (a running job stays pending under its lease),
    /// and a moment more for the runs that deleted theirs to return.
    /// </summary>
    private static async Task OnlyPendingAsync(BotScenario bot, string? except)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var due = (await bot.EntitiesAsync("Jobs")).Where(e => e.PartitionKey == "pending"
                && e.GetDateTimeOffset("DueAt") <= bot.Clock.GetUtcNow() && (except is null || !e.RowKey.EndsWith(except, StringComparison.Ordinal))).ToList();
            if (due.Count == 0)
            {
                await Task.Delay(500);
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the host's own jobs did not finish");
    }
}
