using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Once per storage account: notes in the <see cref="RowIndex"/> every row written before the index existed, so erase,
/// "my data" and retention find them by look-up. The one full read of every table; the job key makes it run once, and
/// noting a row twice changes nothing, so a run cut short is simply run again.
/// </summary>
public sealed class RowIndexMigration : IJobHandler
{
    public const string JobKind = "data.build-row-index";

    private readonly TableStorage _storage;

    public RowIndexMigration(TableStorage storage)
    {
        _storage = storage;
    }

    public string Kind => JobKind;

    public static Job For(DateTimeOffset dueAt) => new(JobKind, "v1", dueAt);

    public async Task RunAsync(Job job, CancellationToken cancellationToken) => await BuildAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Notes every stored row; returns how many.</summary>
    public async Task<int> BuildAsync(CancellationToken cancellationToken)
    {
        var noted = 0;
        foreach (var table in TableNames.All.Where(t => t != TableNames.RowIndex))
        {
            try
            {
                await foreach (var entity in _storage.Table(table).QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    await _storage.Index.NoteAsync(table, entity, cancellationToken).ConfigureAwait(false);
                    noted++;
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Not created yet: nothing stored.
            }
        }

        return noted;
    }
}
