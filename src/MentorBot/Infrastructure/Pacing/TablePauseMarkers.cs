using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Connector;

namespace MentorBot.Infrastructure.Pacing;

/// <summary>
/// The pauses after 429s in Table Storage, so every instance honours a pause another met (as Company Communicator's
/// "throttled until" marker). One partition per tenant, read in one query: the row <see cref="TenantRow"/> for the
/// tenant's pause and a row per paused conversation, named by the digest of its id (<see cref="TenantPauses.KeyOf"/>),
/// so no person's chat id is stored. A later end already stored is kept; a pause over for a minute is removed by the
/// next read of its tenant.
/// </summary>
public sealed class TablePauseMarkers : IThrottleMarkerStore
{
    public const string TenantRow = "tenant";
    public const string ConversationPrefix = "conversation|";

    // Two instances writing the same pause at once: the loser looks again, a few times at most.
    private const int Attempts = 3;

    /// <summary>How long an ended pause stays before a read removes it (so instances whose clocks differ a little agree).</summary>
    private static readonly TimeSpan KeepEnded = TimeSpan.FromMinutes(1);

    private readonly TableStorage _storage;

    public TablePauseMarkers(TableStorage storage)
    {
        _storage = storage;
    }

    private TableClient Table => _storage.Table(TableNames.PacingMarkers);

    public async Task<TenantPauses> ReadPausesAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = TableKey.Escape(tenantId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var pauses = TenantPauses.None;
        var ended = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Until"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var until = row.GetDateTimeOffset("Until");
            if (until > now && KeyOf(row.RowKey) is (true, var key))
            {
                pauses = pauses.With(key, until!.Value);
            }
            else if (!(until > now - KeepEnded))
            {
                ended.Add(row.RowKey);
            }
        }

        // The partition keeps only pauses running or just over, so a read stays one small query.
        foreach (var rowKey in ended)
        {
            await ForgetAsync(partition, rowKey, cancellationToken).ConfigureAwait(false);
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

    private async Task ForgetAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another instance removed it first.
        }
    }

    private static (bool IsPause, string? Key) KeyOf(string rowKey) =>
        rowKey == TenantRow ? (true, null)
        : rowKey.StartsWith(ConversationPrefix, StringComparison.Ordinal) ? (true, rowKey[ConversationPrefix.Length..])
        : (false, null);
}
