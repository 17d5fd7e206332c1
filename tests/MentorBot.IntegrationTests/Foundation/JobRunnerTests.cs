using MentorBot.Infrastructure.Jobs;
using MentorBot.IntegrationTests.Infrastructure;
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
}
