using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Expectations;

/// <summary>
/// Each party's answers, one row per pair and role (partition: tenant, program and pair, so both sides are read
/// together). A row exists only once the party has finished the questions; writes carry the ETag that was read.
/// </summary>
public sealed class ExpectationsStore
{
    private readonly TableClient _table;

    public ExpectationsStore(TableStorage storage)
    {
        _table = storage.Table(TableNames.Expectations);
    }

    public async Task<(ExpectationsAnswers Answers, ETag ETag)?> GetAsync(PairKey pair, PairRole role, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(pair), RowKey(role), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? (Read(response.Value), response.Value.ETag) : null;
    }

    /// <summary>The answers of both sides, each null until that party has finished.</summary>
    public async Task<(ExpectationsAnswers? Mentor, ExpectationsAnswers? Mentee)> BothAsync(PairKey pair, CancellationToken cancellationToken)
    {
        ExpectationsAnswers? mentor = null;
        ExpectationsAnswers? mentee = null;
        var partition = Partition(pair);
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var answers = Read(entity);
            if (answers.Role == PairRole.Mentor)
            {
                mentor = answers;
            }
            else
            {
                mentee = answers;
            }
        }

        return (mentor, mentee);
    }

    /// <summary>Writes a party's answers: as new when <paramref name="etag"/> is null, else only if unchanged since read.</summary>
    public async Task SaveAsync(PairKey pair, string personId, ExpectationsAnswers answers, ETag? etag, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(pair), RowKey(answers.Role))
        {
            ["Answers"] = JsonSerializer.Serialize(answers),
            ["Role"] = answers.Role.ToString(),
            ["PersonId"] = personId,
            ["AnsweredAt"] = answers.AnsweredAt,
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
            throw new ConcurrentUpdateException("The expectations answers changed while this request was handled.", ex);
        }
    }

    internal static string Partition(PairKey pair) => TableKey.Escape($"{pair.TenantId}|{pair.ProgramId}|{pair.PairId}");

    private static string RowKey(PairRole role) => role.ToString().ToLowerInvariant();

    private static ExpectationsAnswers Read(TableEntity entity) => JsonSerializer.Deserialize<ExpectationsAnswers>(entity.GetString("Answers")!)!;
}
