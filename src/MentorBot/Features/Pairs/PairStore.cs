using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Pairs;

/// <summary>
/// Pairs (partition: tenant and program) and, for each person, the pairs they are in (partition: tenant and
/// person), so "my agreement" and capacity checks need no scan. The person rows are written first: a crash
/// before the pair row leaves rows that point at nothing, which readers skip.
/// </summary>
public sealed class PairStore
{
    private readonly TableClient _pairs;
    private readonly TableClient _members;

    public PairStore(TableStorage storage)
    {
        _pairs = storage.Table(TableNames.Pairs);
        _members = storage.Table(TableNames.PairMembers);
    }

    /// <summary>Adds a new pair; false when a pair with that id already exists (the same registration again).</summary>
    public async Task<bool> TryAddAsync(Pair pair, CancellationToken cancellationToken)
    {
        foreach (var (person, role) in new[] { (pair.Mentor, PairRole.Mentor), (pair.Mentee, PairRole.Mentee) })
        {
            var member = new TableEntity(MemberPartition(pair.TenantId, person.Id), TableKey.Escape(pair.PairId))
            {
                ["ProgramId"] = pair.ProgramId,
                ["Role"] = role.ToString(),
            };
            await _members.UpsertEntityAsync(member, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _pairs.AddEntityAsync(ToEntity(pair), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            return false;
        }
    }

    public async Task<(Pair Pair, ETag ETag)?> GetAsync(string tenantId, string programId, string pairId, CancellationToken cancellationToken)
    {
        var response = await _pairs.GetEntityIfExistsAsync<TableEntity>(PairPartition(tenantId, programId), TableKey.Escape(pairId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? (Read(response.Value), response.Value.ETag) : null;
    }

    public async Task UpdateAsync(Pair pair, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _pairs.UpdateEntityAsync(ToEntity(pair), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex))
        {
            throw new ConcurrentUpdateException("The pair changed while this request was handled.", ex);
        }
    }

    /// <summary>Every pair a person is in, in any program of the tenant (closed ones included).</summary>
    public async Task<IReadOnlyList<Pair>> ForPersonAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        var pairs = new List<Pair>();
        var partition = MemberPartition(tenantId, personId);
        await foreach (var member in _members.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var found = await GetAsync(tenantId, member.GetString("ProgramId"), TableKey.Unescape(member.RowKey), cancellationToken).ConfigureAwait(false);
            if (found is { } pair)
            {
                pairs.Add(pair.Pair);
            }
        }

        return pairs;
    }

    public async Task<IReadOnlyList<Pair>> InProgramAsync(string tenantId, string programId, CancellationToken cancellationToken)
    {
        var pairs = new List<Pair>();
        var partition = PairPartition(tenantId, programId);
        await foreach (var entity in _pairs.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            pairs.Add(Read(entity));
        }

        return pairs;
    }

    private static string PairPartition(string tenantId, string programId) => TableKey.Escape($"{tenantId}|{programId}");

    private static string MemberPartition(string tenantId, string personId) => TableKey.Escape($"{tenantId}|{personId.ToLowerInvariant()}");

    private static TableEntity ToEntity(Pair pair) => new(PairPartition(pair.TenantId, pair.ProgramId), TableKey.Escape(pair.PairId))
    {
        ["Pair"] = JsonSerializer.Serialize(pair),
        ["Stage"] = pair.Stage.ToString(),
        ["MentorId"] = pair.Mentor.Id,
        ["MenteeId"] = pair.Mentee.Id,
    };

    private static Pair Read(TableEntity entity) => JsonSerializer.Deserialize<Pair>(entity.GetString("Pair")!)!;
}
