using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Connector;

namespace MentorBot.Infrastructure.Pacing;

/// <summary>
/// The pauses after 429s in Table Storage, so every instance honours a pause another met (as Company Communicator's
/// "throttled until" marker). One partition per tenant, read in one query: the row <see cref="TenantRow"/> for the
/// tenant's pause and a row per paused conversation, named by the digest of its id (<see cref="TenantPauses.KeyOf"/>),
/// so no person's chat id is stored. A later end already stored is kept.
/// </summary>
public sealed class TablePauseMarkers : IThrottleMarkerStore
{
    public const string TenantRow = "tenant";
    public const string ConversationPrefix = "conversation|";

    // Two instances writing the same pause at once: the loser looks again, a few times at most.
    private const int Attempts = 3;

    private readonly TableStorage _storage;

    public TablePauseMarkers(TableStorage storage)
    {
        _storage = storage;
    }

    private TableClient Table => _storage.Table(TableNames.PacingMarkers);

    public async Task<TenantPauses> ReadPausesAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Escape(tenantId)} and Until gt {now}");
        var pauses = TenantPauses.None;
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Until"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetDateTimeOffset("Until") is { } until && KeyOf(row.RowKey) is var (isPause, key) && isPause)
            {
                pauses = pauses.With(key, until);
            }
        }

        return pauses;
    }

    public async Task WritePauseAsync(string tenantId, string? conversationKey, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var partition = TableKey.Escape(tenantId);
        var rowKey = conversationKey is null ? TenantRow : ConversationPrefix + conversationKey;
        for (var attempt = 1; ; attempt++)
        {
            var stored = await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, ["Until"], cancellationToken).ConfigureAwait(false);
            var row = new TableEntity(partition, rowKey) { ["Until"] = until };
            try
            {
                if (!stored.HasValue || stored.Value is null)
                {
                    await Table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                }
                else if (!(stored.Value.GetDateTimeOffset("Until") >= until))
                {
                    await Table.UpdateEntityAsync(row, stored.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < Attempts)
            {
                // Another instance wrote this pause meanwhile: compare with what it wrote.
            }
        }
    }

    private static (bool IsPause, string? Key) KeyOf(string rowKey) =>
        rowKey == TenantRow ? (true, null)
        : rowKey.StartsWith(ConversationPrefix, StringComparison.Ordinal) ? (true, rowKey[ConversationPrefix.Length..])
        : (false, null);
}
