using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Conversations;

/// <summary>
/// Once per deployment: moves the redelivery ledger's rows written when each conversation was its own partition into
/// the one partition of <see cref="InboundActivityLedger"/>, so a redelivery of an activity handled just before the
/// upgrade is still recognised and erasing a person finds their chat's rows where it now looks. The table holds about a
/// day of ids; the job key makes it run once.
/// </summary>
public sealed class InboundLedgerLayoutMigration : IJobHandler
{
    public const string JobKind = "ledger.one-partition";

    private readonly TableClient _table;

    public InboundLedgerLayoutMigration(TableStorage storage)
    {
        _table = storage.Table(TableNames.InboundActivities);
    }

    public string Kind => JobKind;

    public static Job For(DateTimeOffset dueAt) => new(JobKind, "v1", dueAt);

    public Task RunAsync(Job job, CancellationToken cancellationToken) => MoveAsync(cancellationToken);

    /// <summary>Moves every row outside the ledger's partition into it; returns how many were moved.</summary>
    public async Task<int> MoveAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ne {InboundActivityLedger.Partition}");
        await foreach (var old in _table.QueryAsync<InboundActivityEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var row = new InboundActivityEntity
            {
                PartitionKey = InboundActivityLedger.Partition,
                RowKey = InboundActivityLedger.Key(TableKey.Unescape(old.PartitionKey), TableKey.Unescape(old.RowKey)),
                Status = old.Status,
                ClaimedAt = old.ClaimedAt,
                AnswerBucket = old.AnswerBucket,
            };
            try
            {
                await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                moved++;
            }
            catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
            {
                // Moved by another instance's run, or claimed again since in the new place: that row is the newer one.
            }

            try
            {
                await _table.DeleteEntityAsync(old.PartitionKey, old.RowKey, old.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
            {
                // Removed or rewritten meanwhile (retention, another run): left as it now is.
            }
        }

        return moved;
    }
}
