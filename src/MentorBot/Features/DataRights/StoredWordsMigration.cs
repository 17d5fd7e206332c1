using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Once per deployment: strips what rows written before words got a lifetime still hold — the invoke answer on ledger
/// rows and the message of sent outbox rows. A one-time full read of two tables; the job key makes it run once.
/// </summary>
public sealed class StoredWordsMigration : IJobHandler
{
    public const string JobKind = "data.strip-stored-words";

    private readonly TableStorage _storage;

    public StoredWordsMigration(TableStorage storage)
    {
        _storage = storage;
    }

    public string Kind => JobKind;

    public static Job For(DateTimeOffset dueAt) => new(JobKind, "v1", dueAt);

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        await StripAsync(TableNames.InboundActivities, "InvokeResponseJson", _ => true, cancellationToken).ConfigureAwait(false);
        await StripAsync(TableNames.Outbox, "Message", e => e.GetString("Status") == Conversations.Outbox.Sent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rewrites each row holding <paramref name="property"/> without it; returns how many.</summary>
    public Task<int> StripAsync(string table, string property, Func<TableEntity, bool> applies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applies);
        return StoredRowRewrite.RewriteAsync(_storage.Table(table), entity => entity.ContainsKey(property) && applies(entity) && entity.Remove(property),
            cancellationToken);
    }
}

/// <summary>
/// Schedules the one-time migrations of stored rows at start-up (no-ops once they have run): <see cref="StoredWordsMigration"/>,
/// <see cref="RowIndexMigration"/>, <see cref="RowIndexLayoutMigration"/>, <see cref="Conversations.InboundLedgerLayoutMigration"/> and
/// <see cref="Conversations.RemovedAppNotesMigration"/>.
/// </summary>
public sealed class StoredWordsMigrationStarter : IHostedService
{
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public StoredWordsMigrationStarter(JobStore jobs, TimeProvider time)
    {
        _jobs = jobs;
        _time = time;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _jobs.ScheduleAsync(StoredWordsMigration.For(_time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            await _jobs.ScheduleAsync(RowIndexMigration.For(_time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            await _jobs.ScheduleAsync(Conversations.InboundLedgerLayoutMigration.For(_time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            foreach (var run in RowIndexLayoutMigration.For(_time.GetUtcNow()).Concat(Conversations.RemovedAppNotesMigration.For(_time.GetUtcNow())))
            {
                await _jobs.ScheduleAsync(run, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException)
        {
            // Storage is not ready yet: the next start schedules it.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
