using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Meetings;

/// <summary>
/// A table that is created on first use, once per process. Start-up creates every table in <c>TableNames.All</c>;
/// this keeps the feature working on storage where that list did not include it yet.
/// </summary>
internal sealed class LazyTable
{
    private readonly TableClient _client;
    private volatile bool _exists;

    public LazyTable(TableStorage storage, string name)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _client = storage.Table(name);
    }

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (!_exists)
        {
            // Two callers may both create it; creating an existing table is harmless.
            await _client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _exists = true;
        }

        return _client;
    }
}
