using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace MentorBot.Infrastructure.Storage;

/// <summary>
/// The bot's tables in one storage account. Every name gets the configured prefix, so several
/// deployments or test runs can share an account without seeing each other's data.
/// </summary>
public sealed class TableStorage
{
    private readonly TableServiceClient _service;
    private readonly ConcurrentDictionary<string, TableClient> _clients = new(StringComparer.Ordinal);

    public TableStorage(TableServiceClient service, string prefix)
    {
        _service = service;
        Prefix = prefix;
        Index = new RowIndex(_service.GetTableClient(prefix + TableNames.RowIndex));
    }

    public string Prefix { get; }

    /// <summary>Who each stored row names, kept by every table client this class gives out.</summary>
    public RowIndex Index { get; }

    public TableClient Table(string name) => _clients.GetOrAdd(name, n => n == TableNames.RowIndex
        ? _service.GetTableClient(Prefix + n)
        : new IndexedTableClient(_service.GetTableClient(Prefix + n), n, Index));

    public async Task CreateTablesAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            await Table(name).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
