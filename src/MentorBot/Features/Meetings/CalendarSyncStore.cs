using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Meetings;

/// <summary>
/// One row per scanned calendar (partition: tenant; row: mentor). The row is also the scan lease: a scan takes it
/// with the ETag it read, and stores the new delta link only with the ETag it holds, so two scans of one calendar
/// never interleave and a scan that lost its lease cannot overwrite a newer position.
/// </summary>
public sealed class CalendarSyncStore
{
    private readonly LazyTable _table;

    public CalendarSyncStore(TableStorage storage)
    {
        _table = new LazyTable(storage, MeetingTables.CalendarSync);
    }

    internal async Task<CalendarSyncState?> GetAsync(string tenantId, string mentorId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantId), RowKey(mentorId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? Read(tenantId, mentorId, response.Value) : null;
    }

    /// <summary>Takes the scan lease until <paramref name="until"/>; null while another scan holds it.</summary>
    internal async Task<(CalendarSyncState State, ETag ETag)?> TryLeaseAsync(
        string tenantId, string mentorId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantId), RowKey(mentorId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        try
        {
            if (!response.HasValue || response.Value is null)
            {
                var fresh = new CalendarSyncState { TenantId = tenantId, MentorId = mentorId, LeaseOwner = owner, LeaseUntil = until };
                var added = await table.AddEntityAsync(ToEntity(fresh), cancellationToken).ConfigureAwait(false);
                return (fresh, added.Headers.ETag ?? ETag.All);
            }

            var current = Read(tenantId, mentorId, response.Value);
            if (current.LeaseUntil > now && current.LeaseOwner != owner)
            {
                return null;
            }

            var leased = current with { LeaseOwner = owner, LeaseUntil = until };
            var updated = await table.UpdateEntityAsync(ToEntity(leased), response.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return (leased, updated.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex) || StorageConflict.IsStale(ex))
        {
            return null;
        }
    }

    /// <summary>Writes the state (a renewed lease, or the new position) if this scan still holds the lease; the new ETag, or null.</summary>
    internal async Task<ETag?> TrySaveAsync(CalendarSyncState state, ETag etag, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(state), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
        {
            return null;
        }
    }

    private static string RowKey(string mentorId) => TableKey.Escape(mentorId.ToUpperInvariant());

    private static TableEntity ToEntity(CalendarSyncState state) => new(TableKey.Escape(state.TenantId), RowKey(state.MentorId))
    {
        ["MentorId"] = state.MentorId,
        ["DeltaLink"] = state.DeltaLink,
        ["WindowFrom"] = state.Window?.From,
        ["WindowTo"] = state.Window?.To,
        ["CoveredPairs"] = string.Join(',', state.CoveredPairs),
        ["LastScanAt"] = state.LastScanAt,
        ["LastFullSyncAt"] = state.LastFullSyncAt,
        ["LeaseUntil"] = state.LeaseUntil,
        ["LeaseOwner"] = state.LeaseOwner,
        ["Unreadable"] = state.Unreadable?.ToString(),
        ["UnreadableCheckedAt"] = state.UnreadableCheckedAt,
    };

    private static CalendarSyncState Read(string tenantId, string mentorId, TableEntity e)
    {
        var from = e.GetDateTimeOffset("WindowFrom");
        var to = e.GetDateTimeOffset("WindowTo");
        return new CalendarSyncState
        {
            TenantId = tenantId,
            MentorId = e.GetString("MentorId") ?? mentorId,
            DeltaLink = e.GetString("DeltaLink"),
            Window = from is { } f && to is { } t ? new ScanWindow(f, t) : null,
            CoveredPairs = (e.GetString("CoveredPairs") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
            LastScanAt = e.GetDateTimeOffset("LastScanAt"),
            LastFullSyncAt = e.GetDateTimeOffset("LastFullSyncAt"),
            LeaseUntil = e.GetDateTimeOffset("LeaseUntil") ?? CalendarSyncState.NoLease,
            LeaseOwner = e.GetString("LeaseOwner"),
            Unreadable = Enum.TryParse<MailboxProblem>(e.GetString("Unreadable"), out var problem) ? problem : null,
            UnreadableCheckedAt = e.GetDateTimeOffset("UnreadableCheckedAt"),
        };
    }
}
