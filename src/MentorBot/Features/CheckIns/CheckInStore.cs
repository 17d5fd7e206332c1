using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.CheckIns;

/// <summary>Check-in answers, one row per pair, meeting and party (partition: tenant and pair). An answer is never overwritten.</summary>
public sealed class CheckInStore
{
    private readonly TableClient _table;

    public CheckInStore(TableStorage storage)
    {
        _table = storage.Table(TableNames.CheckIns);
    }

    /// <summary>Records an answer; false when this party already answered this check-in.</summary>
    public async Task<bool> TryAddAsync(CheckInAnswer answer, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(answer.TenantId, answer.PairId), TableKey.Escape($"{answer.MeetingKey}|{answer.Role}"))
        {
            ["Answer"] = JsonSerializer.Serialize(answer),
            ["AnsweredAt"] = answer.AnsweredAt,
            ["Role"] = answer.Role,
            [CheckInAnswerShape.ShapeProperty] = CheckInAnswerShape.Current,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<CheckInAnswer>> ForPairAsync(string tenantId, string pairId, CancellationToken cancellationToken)
    {
        var answers = new List<CheckInAnswer>();
        var partition = Partition(tenantId, pairId);
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            answers.Add(Read(entity));
        }

        return answers.OrderBy(a => a.AnsweredAt).ToList();
    }

    /// <summary>An answer as stored, in the current shape whatever shape its row was written in.</summary>
    public static CheckInAnswer Read(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var json = JsonNode.Parse(entity.GetString("Answer")!)!.AsObject();
        CheckInAnswerShape.Upgrade(json);
        return json.Deserialize<CheckInAnswer>()!;
    }

    private static string Partition(string tenantId, string pairId) => TableKey.Escape($"{tenantId}|{pairId}");
}
