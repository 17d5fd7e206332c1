using System.Text.Json;
using Azure.Data.Tables;
using MentorBot.Features.Meetings;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.MentorCohorts;

public sealed class CohortChannelStore
{
    private readonly LazyTable _table;

    public CohortChannelStore(TableStorage storage)
    {
        _table = new LazyTable(storage, MentorCohortTables.CohortChannels);
    }

    /// <summary>Registers (or moves) the cohort's channel; a cohort has one peer channel.</summary>
    public async Task SaveAsync(CohortChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(Partition(channel.TenantId, channel.ProgramId), TableKey.Escape(channel.CohortId))
        {
            ["Channel"] = JsonSerializer.Serialize(channel),
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CohortChannel?> GetAsync(string tenantId, string programId, string cohortId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, programId), TableKey.Escape(cohortId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return found.HasValue && found.Value is { } e ? JsonSerializer.Deserialize<CohortChannel>(e.GetString("Channel")!) : null;
    }

    private static string Partition(string tenantId, string programId) => TableKey.Escape($"{tenantId}|{programId}");
}
