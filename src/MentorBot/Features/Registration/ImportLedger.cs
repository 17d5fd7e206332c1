using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Registration;

/// <summary>
/// Which CSV rows created which pair (partition: tenant and program; row: a hash of the row's people and start), so
/// a file sent again is reported as "already registered" rather than as a refusal. Registration itself is what makes
/// a second import create nothing; this only remembers what the first one did.
/// </summary>
public sealed class ImportLedger
{
    private readonly TableClient _table;

    public ImportLedger(TableStorage storage)
    {
        _table = storage.Table(TableNames.Imports);
    }

    public async Task RecordAsync(string tenantId, string programId, PairCsvRow row, string pairId, string fileName, string importedBy, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(tenantId, programId), KeyFor(row))
        {
            ["PairId"] = pairId,
            ["FileName"] = fileName,
            ["ImportedBy"] = importedBy,
            ["ImportedAt"] = at,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pair an earlier import created from the same row, and when.</summary>
    public async Task<(string PairId, DateTimeOffset ImportedAt)?> FindAsync(string tenantId, string programId, PairCsvRow row, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, programId), KeyFor(row), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value?.GetString("PairId") is { } pairId
            ? (pairId, response.Value.GetDateTimeOffset("ImportedAt") ?? DateTimeOffset.MinValue)
            : null;
    }

    internal static string KeyFor(PairCsvRow row)
    {
        var text = $"{row.Mentor.Trim().ToUpperInvariant()}|{row.Mentee.Trim().ToUpperInvariant()}|{row.Start:yyyy-MM-dd}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32].ToLowerInvariant();
    }

    private static string Partition(string tenantId, string programId) => TableKey.Escape($"{tenantId}|{programId}");
}
