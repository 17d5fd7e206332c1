using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// Every proactive message to a person, under a deterministic key (e.g. "expectations/{pair}/start"). The row is
/// written before sending and marked sent after, so a message is never sent twice for one key, and one that could
/// not be delivered yet (the app is not installed for the person) waits here until it can.
/// </summary>
public sealed class Outbox
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Unreachable = "unreachable";

    /// <summary>Taken by a sender (<see cref="TryClaimAsync"/>), until it marks the entry sent or gives it back.</summary>
    private const string Sending = "sending";

    // A row of the person's partition that is no message: '~' sorts after every escaped key the features use.
    private const string UnreachableRow = "~unreachable";

    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    private readonly TableClient _table;
    private readonly TimeProvider _time;

    public Outbox(TableStorage storage, TimeProvider time)
    {
        _table = storage.Table(TableNames.Outbox);
        _time = time;
    }

    /// <summary>Records a message to send; returns the existing entry when the key was used before.</summary>
    /// <param name="claimed">
    /// Written already claimed by the caller, who sends it now (<see cref="TryClaimAsync"/> would be a second write): a
    /// sender that dies before marking it leaves a claim that is stale after five minutes, as one taken later would.
    /// </param>
    public async Task<OutboxEntry> AddAsync(string tenantId, string personId, string key, Activity message, bool claimed, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var entity = new TableEntity(Partition(tenantId, personId), TableKey.Escape(key))
        {
            ["Status"] = claimed ? Sending : Pending,
            ["Message"] = JsonSerializer.Serialize(message, ProtocolJson.Options),
            ["CreatedAt"] = now,
        };
        if (claimed)
        {
            entity["ClaimedAt"] = now;
        }
        try
        {
            var response = await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            entity.ETag = response.Headers.ETag ?? ETag.All;
            return Read(entity, isNew: true);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            var existing = await _table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Read(existing.Value, isNew: false);
        }
    }

    /// <summary>The entry recorded under the key, if any.</summary>
    public async Task<OutboxEntry?> GetAsync(string tenantId, string personId, string key, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, personId), TableKey.Escape(key), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return found.HasValue ? Read(found.Value!, isNew: false) : null;
    }

    /// <summary>
    /// What waits for the person, oldest first, and whether they are marked unreachable: one query of their partition,
    /// which holds the mark too, so a person who was never marked costs no delete of a mark that is not there.
    /// </summary>
    public async Task<WaitingMessages> WaitingForAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        var marked = false;
        var partition = Partition(tenantId, personId);
        var staleClaim = _time.GetUtcNow() - StaleClaim;
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == UnreachableRow)
            {
                marked = true;
                continue;
            }

            var status = entity.GetString("Status");
            // A claim whose sender died before finishing is pending again after five minutes.
            if (status == Pending || (status == Sending && entity.GetDateTimeOffset("ClaimedAt") < staleClaim))
            {
                entries.Add(Read(entity, isNew: false));
            }
        }

        return new WaitingMessages(entries.OrderBy(e => e.CreatedAt).ToList(), marked);
    }

    /// <summary>Claims a pending entry for sending; null when another sender has it, or it was sent.</summary>
    public async Task<OutboxEntry?> TryClaimAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        // The ETag only says nobody wrote since we read: a row read while another sender held it must not be taken over
        // until that claim is stale.
        if (entry.Status == Sent || (entry.Status == Sending && entry.ClaimedAt > _time.GetUtcNow() - StaleClaim))
        {
            return null;
        }

        var entity = new TableEntity(entry.PartitionKey, entry.RowKey)
        {
            ["Status"] = Sending,
            ["Message"] = JsonSerializer.Serialize(entry.Message, ProtocolJson.Options),
            ["CreatedAt"] = entry.CreatedAt,
            ["ClaimedAt"] = _time.GetUtcNow(),
        };
        try
        {
            var response = await _table.UpdateEntityAsync(entity, entry.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return entry with { ETag = response.Headers.ETag ?? ETag.All, Status = Sending };
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
        {
            return null;
        }
    }

    public async Task MarkAsync(OutboxEntry entry, string status, string? conversationId, string? activityId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(entry.PartitionKey, entry.RowKey)
        {
            ["Status"] = status,
            ["Message"] = status == Sent ? null : JsonSerializer.Serialize(entry.Message, ProtocolJson.Options),
            ["CreatedAt"] = entry.CreatedAt,
            ["ConversationId"] = conversationId,
            ["ActivityId"] = activityId,
            ["SentAt"] = status == Sent ? _time.GetUtcNow() : null,
        };
        try
        {
            // Conditional on the claim this sender holds: the row's index entries are then known to this instance and
            // the mark costs one request, not the index's as well.
            await _table.UpdateEntityAsync(entity, entry.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex))
        {
            // Written since the claim (a stale claim taken over): what this sender did is still what happened.
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Marks the person unreachable (they removed the app: Teams answers 403 to every send until they add it again).
    /// Returns when the mark was first set, the same for every call until it is cleared, so a notice keyed by it is
    /// sent once per removal.
    /// </summary>
    public async Task<DateTimeOffset> MarkUnreachableAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(tenantId, personId), UnreachableRow) { ["Status"] = Unreachable, ["CreatedAt"] = _time.GetUtcNow() };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return _time.GetUtcNow();
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            var existing = await _table.GetEntityAsync<TableEntity>(entity.PartitionKey, UnreachableRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            return existing.Value.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue;
        }
    }

    /// <summary>Whether the person is marked unreachable; the mark is the record (see <see cref="MarkUnreachableAsync"/>).</summary>
    public async Task<bool> IsUnreachableAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, personId), UnreachableRow, select: ["Status"], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return found.HasValue;
    }

    /// <summary>
    /// Every person marked unreachable, as (tenant, person id lower-cased as the partition keeps it): a read of the whole
    /// table filtered by row key, for a one-time migration only.
    /// </summary>
    public async IAsyncEnumerable<(string TenantId, string PersonId)> UnreachableMarksAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var marks = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {UnreachableRow}"), select: ["PartitionKey"], cancellationToken: cancellationToken);
        await foreach (var mark in marks.ConfigureAwait(false))
        {
            var partition = TableKey.Unescape(mark.PartitionKey);
            var bar = partition.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && bar < partition.Length - 1)
            {
                yield return (partition[..bar], partition[(bar + 1)..]);
            }
        }
    }

    /// <summary>
    /// Takes the one try at adding the app back for an unreachable person, per removal: true for the first caller,
    /// false once it was taken (by anyone) or when the person is reachable.
    /// </summary>
    public async Task<bool> TryTakeReinstallAttemptAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, personId), UnreachableRow, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!found.HasValue || found.Value!.GetDateTimeOffset("ReinstallTriedAt") is not null)
        {
            return false;
        }

        var mark = new TableEntity(found.Value.PartitionKey, UnreachableRow) { ["ReinstallTriedAt"] = _time.GetUtcNow() };
        try
        {
            await _table.UpdateEntityAsync(mark, found.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
        {
            return false;
        }
    }

    /// <summary>The person added the app again.</summary>
    public async Task ClearUnreachableAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition(tenantId, personId), UnreachableRow, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsNotFound(ex))
        {
            // Was reachable.
        }
    }

    private static string Partition(string tenantId, string personId) => TableKey.Escape($"{tenantId}|{personId.ToLowerInvariant()}");

    private static OutboxEntry Read(TableEntity entity, bool isNew) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.GetString("Status") ?? Pending,
        JsonSerializer.Deserialize<Activity>(entity.GetString("Message") ?? "{}", ProtocolJson.Options)!,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("ConversationId"),
        entity.GetString("ActivityId"),
        entity.ETag,
        isNew)
    {
        ClaimedAt = entity.GetDateTimeOffset("ClaimedAt"),
    };
}

public sealed record OutboxEntry(
    string PartitionKey,
    string RowKey,
    string Status,
    Activity Message,
    DateTimeOffset CreatedAt,
    string? ConversationId,
    string? ActivityId,
    ETag ETag,
    bool IsNew)
{
    /// <summary>When a sender took the entry; a claim older than five minutes is considered abandoned.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }
}

/// <summary>A person's messages still to send, and whether they are marked unreachable.</summary>
public sealed record WaitingMessages(IReadOnlyList<OutboxEntry> Entries, bool MarkedUnreachable);
