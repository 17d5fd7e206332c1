using System.Text.Json;
using Azure.Data.Tables;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Meetings;

/// <summary>
/// A bot with meeting discovery, a program, mailbox calendars on the Graph stand-in, and a clock at noon UTC.
/// Pairs are stored directly (registration is not what these tests are about).
/// </summary>
internal sealed class MeetingScenario : IAsyncDisposable
{
    public static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    private MeetingScenario(BotScenario bot, CalendarStandIn calendars, MentorshipProgram program)
    {
        Bot = bot;
        Calendars = calendars;
        Program = program;
    }

    public BotScenario Bot { get; }

    public CalendarStandIn Calendars { get; }

    public MentorshipProgram Program { get; }

    public DateTimeOffset Now => Bot.Clock.GetUtcNow();

    public MeetingStore Meetings => Bot.Host.Services.GetRequiredService<MeetingStore>();

    public static async Task<MeetingScenario> StartAsync(AzuriteFixture azurite)
    {
        var bot = await BotScenario.StartAsync(azurite, services => services.AddMeetings());
        // Noon UTC tomorrow: a whole hour in the working day, so quiet hours never depend on when the tests run.
        var now = bot.Clock.GetUtcNow();
        bot.Clock.Advance(new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(12), TimeSpan.Zero) - now);
        var program = new MentorshipProgram
        {
            TenantId = BotScenario.TenantId,
            ProgramId = "sales-mentoring",
            Name = "Sales mentoring",
            Channel = new CoordinatorsChannel(bot.Channel.ServiceUrl, "19:coordinators@thread.tacv2", null, "Coordinators"),
            Settings = new ProgramSettings { CheckInDelayMinutes = 15 },
            CreatedAt = bot.Clock.GetUtcNow(),
        };
        await bot.Host.Services.GetRequiredService<ProgramStore>().SaveAsync(program, null, default);
        return new MeetingScenario(bot, CalendarStandIn.Attach(bot.Graph), program);
    }

    public static Person PersonOf(TestUser user, params string[] aliases) =>
        new(user.AadObjectId, user.Name, user.Email, user.Upn) { Addresses = [user.Email, .. aliases] };

    /// <summary>Stores a started pair and lets meeting discovery know, as the pair start job does.</summary>
    public async Task<Pair> StartPairAsync(Person mentor, Person mentee, DateOnly start)
    {
        var pair = new Pair
        {
            TenantId = BotScenario.TenantId,
            ProgramId = Program.ProgramId,
            PairId = PairRegistration.PairIdFor(BotScenario.TenantId, Program.ProgramId, mentor.Id, mentee.Id, start),
            Mentor = mentor,
            Mentee = mentee,
            Start = start,
            PlannedEnd = start.AddDays(7 * 26),
            Stage = PairStage.Working,
            CreatedAt = Now,
        };
        Assert.True(await Bot.Host.Services.GetRequiredService<PairStore>().TryAddAsync(pair, default));
        var handler = Bot.Host.Services.GetServices<IPairStartHandler>().OfType<ScanOnPairStart>().Single();
        await handler.OnPairStartedAsync(pair, Program, default);
        return pair;
    }

    /// <summary>Moves the clock to the mentor's next half-hourly scan and runs what is due.</summary>
    public async Task NextScanAsync(string mentorId)
    {
        var slot = ScanSchedule.NextSlot(mentorId, Now);
        Bot.Clock.Advance(slot - Now);
        await Bot.RunJobsAsync();
    }

    /// <summary>The requests that read a calendar, oldest first.</summary>
    public IReadOnlyList<RecordedGraphRequest> CalendarReads() =>
        Bot.Graph.Requests.Where(r => r.Path.Contains("/calendarView/delta", StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.Sequence).ToList();

    /// <summary>Every check-in job ever scheduled (pending, done, or set aside for want of a handler in this test host).</summary>
    public async Task<IReadOnlyList<Job>> CheckInJobsAsync() =>
        (await JobRowsAsync(MeetingJobs.CheckInDueKind)).Select(r => r.Job).DistinctBy(j => j.Key).ToList();

    public async Task<IReadOnlyList<(string Partition, Job Job, string? LastError)>> JobRowsAsync(string kind) =>
        (await Bot.EntitiesAsync("Jobs"))
            .Where(e => e.GetString("Kind") == kind)
            .Select(e => (e.PartitionKey, ReadJob(e), (string?)e.GetString("LastError")))
            .ToList();

    public async Task<TableEntity?> CalendarSyncAsync(string mentorId) =>
        (await Bot.EntitiesAsync(MeetingTables.CalendarSync)).SingleOrDefault(e => e.GetString("MentorId") == mentorId);

    public async Task<IReadOnlyList<Meeting>> MeetingsOfAsync(Pair pair) => await Meetings.ForPairAsync(pair.TenantId, pair.PairId, default);

    public ValueTask DisposeAsync() => Bot.DisposeAsync();

    private static Job ReadJob(TableEntity e) =>
        new(e.GetString("Kind")!, e.GetString("Key")!, e.GetDateTimeOffset("DueAt")!.Value)
        {
            Data = JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString("Data") ?? "{}") ?? [],
            Attempts = e.GetInt32("Attempts") ?? 0,
        };
}
