using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using MentorBot.Features.Meetings;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Reports.Downloads;

/// <summary>
/// Downloads held server-side until they expire. The token in the link is 256 random bits; only its SHA-256 is
/// stored, so the table alone cannot be used to fetch anything. Content is split over string properties
/// (32 K characters each) within one entity, which caps a download at <see cref="MaxCharacters"/>.
/// </summary>
public sealed class DownloadStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    public const int MaxCharacters = ChunkCharacters * MaxChunks;
    private const int ChunkCharacters = 30_000;
    private const int MaxChunks = 12;
    private const string Partition = "download";

    private readonly LazyTable _table;
    private readonly TimeProvider _time;

    public DownloadStore(TableStorage storage, TimeProvider time)
    {
        _table = new LazyTable(storage, ReportTables.Downloads);
        _time = time;
    }

    /// <summary>Stores the file for <paramref name="ownerId"/> and returns the token for its link.</summary>
    public async Task<string> IssueAsync(string tenantId, string ownerId, string fileName, string contentType, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > MaxCharacters)
        {
            throw new ArgumentException($"A download holds at most {MaxCharacters} characters.", nameof(content));
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = _time.GetUtcNow();
        var entity = new TableEntity(Partition, Hash(token))
        {
            ["TenantId"] = tenantId,
            ["OwnerId"] = ownerId,
            ["FileName"] = fileName,
            ["ContentType"] = contentType,
            ["IssuedAt"] = now,
            ["ExpiresAt"] = now + Lifetime,
        };
        var chunks = content.Chunk(ChunkCharacters).Select(c => new string(c)).ToList();
        entity["Chunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[$"Chunk{i.ToString(CultureInfo.InvariantCulture)}"] = chunks[i];
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return token;
    }

    public async Task<DownloadGrant?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Hash(token), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value is not { } e)
        {
            return null;
        }

        var chunks = e.GetInt32("Chunks") ?? 0;
        var content = string.Concat(Enumerable.Range(0, chunks).Select(i => e.GetString($"Chunk{i.ToString(CultureInfo.InvariantCulture)}")));
        return new DownloadGrant
        {
            TenantId = e.GetString("TenantId"),
            OwnerId = e.GetString("OwnerId"),
            FileName = e.GetString("FileName"),
            ContentType = e.GetString("ContentType"),
            Content = content,
            IssuedAt = e.GetDateTimeOffset("IssuedAt")!.Value,
            ExpiresAt = e.GetDateTimeOffset("ExpiresAt")!.Value,
        };
    }

    public async Task DeleteAsync(string token, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(Partition, Hash(token), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every download past its expiry (links are refused after it anyway; the content should not stay).</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var removed = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["PartitionKey", "RowKey", "ExpiresAt"], cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            if (entity.GetDateTimeOffset("ExpiresAt") is { } expires && expires <= now)
            {
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken).ConfigureAwait(false);
                removed++;
            }
        }

        return removed;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
