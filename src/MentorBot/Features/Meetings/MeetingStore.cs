using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Meetings;

/// <summary>
/// The meetings of each pair (partition: tenant and pair; row: meeting key). A pair has a few dozen meetings in
/// its life, so reading the partition is cheap. Every change carries the ETag that was read.
/// </summary>
public sealed class MeetingStore
{
    private readonly LazyTable _table;

    public MeetingStore(TableStorage storage)
    {
        _table = new LazyTable(storage, MeetingTables.Meetings);
    }

    /// <summary>The meeting as stored now (possibly moved, cancelled or a duplicate), or null.</summary>
    public async Task<Meeting?> GetAsync(string tenantId, string pairId, string meetingKey, CancellationToken cancellationToken) =>
        (await GetEntryAsync(tenantId, pairId, meetingKey, cancellationToken).ConfigureAwait(false))?.Meeting;

    /// <summary>The pair's meetings, scheduled and cancelled, earliest first; duplicates of another row are left out.</summary>
    public async Task<IReadOnlyList<Meeting>> ForPairAsync(string tenantId, string pairId, CancellationToken cancellationToken) =>
        (await LoadAsync(tenantId, pairId, cancellationToken).ConfigureAwait(false))
            .Select(e => e.Meeting)
            .Where(m => m.DuplicateOf is null)
            .OrderBy(m => m.Start)
            .ToList();

    /// <summary>Every row of the pair, duplicates included, with ETags.</summary>
    internal async Task<IReadOnlyList<(Meeting Meeting, ETag ETag)>> LoadAsync(string tenantId, string pairId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(tenantId, pairId);
        var meetings = new List<(Meeting, ETag)>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            meetings.Add((Read(tenantId, pairId, entity), entity.ETag));
        }

        return meetings;
    }

    internal async Task<(Meeting Meeting, ETag ETag)?> GetEntryAsync(string tenantId, string pairId, string meetingKey, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, pairId), TableKey.Escape(meetingKey), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? (Read(tenantId, pairId, response.Value), response.Value.ETag) : null;
    }

    /// <summary>Adds a meeting; its ETag, or null when a row with its key exists (another writer was first).</summary>
    internal async Task<ETag?> TryAddAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.AddEntityAsync(ToEntity(meeting), cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            return null;
        }
    }

    /// <summary>Replaces a meeting if nobody changed it since it was read; its new ETag, or null.</summary>
    internal async Task<ETag?> TryUpdateAsync(Meeting meeting, ETag etag, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(meeting), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsNotFound(ex))
        {
            return null;
        }
    }

    private static string Partition(string tenantId, string pairId) => TableKey.Escape($"{tenantId}|{pairId}");

    private static TableEntity ToEntity(Meeting meeting) => new(Partition(meeting.TenantId, meeting.PairId), TableKey.Escape(meeting.MeetingKey))
    {
        ["ProgramId"] = meeting.ProgramId,
        ["Start"] = meeting.Start,
        ["End"] = meeting.End,
        ["Status"] = meeting.Status.ToString(),
        ["Source"] = meeting.Source.ToString(),
        ["IsOnline"] = meeting.IsOnline,
        ["EventId"] = meeting.EventId,
        ["ICalUId"] = meeting.ICalUId,
        ["SeriesMasterId"] = meeting.SeriesMasterId,
        ["DuplicateOf"] = meeting.DuplicateOf,
        ["DiscoveredAt"] = meeting.DiscoveredAt,
        ["UpdatedAt"] = meeting.UpdatedAt,
    };

    private static Meeting Read(string tenantId, string pairId, TableEntity e) => new()
    {
        TenantId = tenantId,
        PairId = pairId,
        ProgramId = e.GetString("ProgramId") ?? string.Empty,
        MeetingKey = TableKey.Unescape(e.RowKey),
        Start = e.GetDateTimeOffset("Start") ?? DateTimeOffset.MinValue,
        End = e.GetDateTimeOffset("End") ?? DateTimeOffset.MinValue,
        Status = Enum.TryParse<MeetingStatus>(e.GetString("Status"), out var status) ? status : MeetingStatus.Scheduled,
        Source = Enum.TryParse<MeetingSource>(e.GetString("Source"), out var source) ? source : MeetingSource.Calendar,
        IsOnline = e.GetBoolean("IsOnline") ?? false,
        EventId = e.GetString("EventId"),
        ICalUId = e.GetString("ICalUId"),
        SeriesMasterId = e.GetString("SeriesMasterId"),
        DuplicateOf = e.GetString("DuplicateOf"),
        DiscoveredAt = e.GetDateTimeOffset("DiscoveredAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
    };
}
