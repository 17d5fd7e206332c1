using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Matching;

/// <summary>Cohort proposals (partition tenant|program, row proposal id), updated with ETags.</summary>
public sealed class CohortProposalStore
{
    private readonly TableClient _table;

    public CohortProposalStore(TableStorage storage)
    {
        _table = storage.Table(MatchingTables.Proposals);
    }

    public Task AddAsync(CohortProposal proposal, CancellationToken cancellationToken) =>
        _table.AddEntityAsync(ToEntity(proposal), cancellationToken);

    public async Task<(CohortProposal Proposal, ETag ETag)?> GetAsync(string tenantId, string programId, string proposalId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, programId), TableKey.Escape(proposalId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value?.GetString("Proposal") is { } json
            ? (JsonSerializer.Deserialize<CohortProposal>(json)!, response.Value.ETag)
            : null;
    }

    public async Task UpdateAsync(CohortProposal proposal, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(proposal), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex))
        {
            throw new ConcurrentUpdateException("The proposal changed while this request was handled.", ex);
        }
    }

    private static TableEntity ToEntity(CohortProposal proposal) => new(Partition(proposal.TenantId, proposal.ProgramId), TableKey.Escape(proposal.ProposalId))
    {
        ["Proposal"] = JsonSerializer.Serialize(proposal),
        ["CohortId"] = proposal.CohortId,
    };

    private static string Partition(string tenantId, string programId) => TableKey.Escape($"{tenantId}|{programId}");
}
