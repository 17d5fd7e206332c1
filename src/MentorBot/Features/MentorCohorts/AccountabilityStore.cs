using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Features.Meetings;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.MentorCohorts;

/// <summary>Mentors' accountability answers, partitioned by program so reports and digests read one partition.</summary>
public sealed class AccountabilityStore
{
    private readonly LazyTable _table;

    public AccountabilityStore(TableStorage storage)
    {
        _table = new LazyTable(storage, MentorCohortTables.Accountability);
    }

    /// <summary>Adds the month's answer; false when the mentor already answered for this pair and month.</summary>
    public async Task<bool> TryAddAsync(AccountabilityAnswer answer, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition(answer.TenantId, answer.ProgramId), TableKey.Escape($"{answer.PairId}|{answer.MentorId}|{answer.Month}"))
            {
                ["Answer"] = JsonSerializer.Serialize(answer),
                ["Month"] = answer.Month,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<AccountabilityAnswer>> InProgramAsync(string tenantId, string programId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(tenantId, programId);
        var answers = new List<AccountabilityAnswer>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            answers.Add(JsonSerializer.Deserialize<AccountabilityAnswer>(entity.GetString("Answer")!)!);
        }

        return answers;
    }

    private static string Partition(string tenantId, string programId) => TableKey.Escape($"{tenantId}|{programId}");
}
