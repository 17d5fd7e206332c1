using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// Once per deployment: rewrites check-in answers stored on the old three-step scale in the current shape (see
/// <see cref="CheckInAnswerShape"/>). Reads upgrade old rows anyway, so the bot works before and while this runs; the
/// job only keeps old shapes from lingering. The job key makes it run once.
/// </summary>
public sealed class CheckInAnswersMigration : IJobHandler
{
    public const string JobKind = "checkins.answer-shape";

    private readonly TableClient _table;

    public CheckInAnswersMigration(TableStorage storage)
    {
        _table = storage.Table(TableNames.CheckIns);
    }

    public string Kind => JobKind;

    public static Job For(DateTimeOffset dueAt) => new(JobKind, $"v{CheckInAnswerShape.Current}", dueAt);

    public Task RunAsync(Job job, CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    /// <summary>Rewrites every row not yet in the current shape; returns how many.</summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken) =>
        StoredRowRewrite.RewriteAsync(_table, entity =>
        {
            if (entity.GetInt32(CheckInAnswerShape.ShapeProperty) == CheckInAnswerShape.Current || entity.GetString("Answer") is not { } text)
            {
                return false;
            }

            var json = JsonNode.Parse(text)!.AsObject();
            CheckInAnswerShape.Upgrade(json);
            entity["Answer"] = json.ToJsonString();
            entity[CheckInAnswerShape.ShapeProperty] = CheckInAnswerShape.Current;
            return true;
        }, cancellationToken);
}

/// <summary>Schedules <see cref="CheckInAnswersMigration"/> at start-up (a no-op once it has run).</summary>
public sealed class CheckInAnswersMigrationStarter : IHostedService
{
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public CheckInAnswersMigrationStarter(JobStore jobs, TimeProvider time)
    {
        _jobs = jobs;
        _time = time;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _jobs.ScheduleAsync(CheckInAnswersMigration.For(_time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Storage is not ready yet: the next start schedules it.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
