using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Programs;

/// <summary>Programs of each tenant, one row each (partition: tenant). Changes carry the ETag that was read.</summary>
public sealed class ProgramStore
{
    private readonly TableClient _table;

    public ProgramStore(TableStorage storage)
    {
        _table = storage.Table(TableNames.Programs);
    }

    public async Task<(MentorshipProgram Program, ETag ETag)?> GetAsync(string tenantId, string programId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantId), TableKey.Escape(programId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? (Read(response.Value), response.Value.ETag) : null;
    }

    public async Task<IReadOnlyList<MentorshipProgram>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var programs = new List<MentorshipProgram>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKey.Escape(tenantId), cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            programs.Add(Read(entity));
        }

        return programs;
    }

    /// <summary>The program whose coordinators channel this is, if any.</summary>
    public async Task<MentorshipProgram?> FindByChannelAsync(string tenantId, string channelId, CancellationToken cancellationToken) =>
        (await ListAsync(tenantId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Channel.ChannelId == channelId);

    /// <summary>Writes a program; with an ETag only if nobody changed it since, without one only if it is new.</summary>
    public async Task SaveAsync(MentorshipProgram program, ETag? etag, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKey.Escape(program.TenantId), TableKey.Escape(program.ProgramId))
        {
            ["Name"] = program.Name,
            ["ServiceUrl"] = program.Channel.ServiceUrl,
            ["ChannelId"] = program.Channel.ChannelId,
            ["TeamId"] = program.Channel.TeamId,
            ["ChannelName"] = program.Channel.Name,
            ["Settings"] = JsonSerializer.Serialize(program.Settings),
            ["CreatedBy"] = program.CreatedBy,
            ["CreatedAt"] = program.CreatedAt,
            ["Coordinators"] = JsonSerializer.Serialize(program.Coordinators),
        };
        try
        {
            if (etag is { } current)
            {
                await _table.UpdateEntityAsync(entity, current, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsDuplicate(ex))
        {
            throw new ConcurrentUpdateException("The program changed while this request was handled.", ex);
        }
    }

    private static MentorshipProgram Read(TableEntity e) => new()
    {
        Coordinators = ReadCoordinators(e),
        TenantId = TableKey.Unescape(e.PartitionKey),
        ProgramId = TableKey.Unescape(e.RowKey),
        Name = e.GetString("Name") ?? e.RowKey,
        Channel = new CoordinatorsChannel(e.GetString("ServiceUrl") ?? string.Empty, e.GetString("ChannelId") ?? string.Empty, e.GetString("TeamId"), e.GetString("ChannelName")),
        Settings = JsonSerializer.Deserialize<ProgramSettings>(e.GetString("Settings") ?? "{}") ?? new ProgramSettings(),
        CreatedBy = e.GetString("CreatedBy"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
    };

    // Programs set up before coordinators were kept per program are coordinated by whoever set them up.
    private static List<ProgramCoordinator> ReadCoordinators(TableEntity e) =>
        e.GetString("Coordinators") is { Length: > 0 } json
            ? JsonSerializer.Deserialize<List<ProgramCoordinator>>(json) ?? []
            : e.GetString("CreatedBy") is { Length: > 0 } creator ? [new ProgramCoordinator(creator, null, null)] : [];
}
