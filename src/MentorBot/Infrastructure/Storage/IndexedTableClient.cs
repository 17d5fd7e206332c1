using System.Linq.Expressions;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace MentorBot.Infrastructure.Storage;

/// <summary>
/// A table client that keeps the <see cref="RowIndex"/> with every write: identifiers are noted before a row is added,
/// upserted or updated, and a deleted row's entries are removed after it is gone. Stores use it as any TableClient, so
/// no feature can forget the index. Reads go straight through, noting which rows' entries are known to exist
/// (<see cref="NotedRows"/>), so a conditional update notes only the identifiers that are new to the row (often none).
/// </summary>
internal sealed class IndexedTableClient : TableClient
{
    private readonly TableClient _inner;
    private readonly string _table;
    private readonly RowIndex _index;
    private readonly NotedRows _noted = new();

    public IndexedTableClient(TableClient inner, string table, RowIndex index)
    {
        _inner = inner;
        _table = table;
        _index = index;
    }

    public override string Name => _inner.Name;

    public override string AccountName => _inner.AccountName;

    public override Uri Uri => _inner.Uri;

    public override Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _inner.CreateIfNotExistsAsync(cancellationToken);

    public override Task<Response<TableItem>> CreateAsync(CancellationToken cancellationToken = default) => _inner.CreateAsync(cancellationToken);

    public override Task<Response> DeleteAsync(CancellationToken cancellationToken = default) => _inner.DeleteAsync(cancellationToken);

    public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        => LearnFrom(_inner.QueryAsync<T>(filter, maxPerPage, select, cancellationToken), filter);

    public override AsyncPageable<T> QueryAsync<T>(Expression<Func<T, bool>> filter, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        => LearnFrom(_inner.QueryAsync(filter, maxPerPage, select, cancellationToken), CreateQueryFilter(filter));

    public override Pageable<T> Query<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        => _inner.Query<T>(filter, maxPerPage, select, cancellationToken);

    public override Pageable<T> Query<T>(Expression<Func<T, bool>> filter, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        => _inner.Query(filter, maxPerPage, select, cancellationToken);

    public override async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await _inner.GetEntityAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        Learn(partitionKey, rowKey, response.Value);
        return response;
    }

    public override async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await _inner.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        if (response.HasValue && response.Value is { } entity)
        {
            Learn(partitionKey, rowKey, entity);
        }

        return response;
    }

    public override async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
    {
        await _index.NoteAsync(_table, entity, cancellationToken).ConfigureAwait(false);
        var response = await _inner.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        Learn(entity.PartitionKey, entity.RowKey, entity, response.Headers.ETag);
        return response;
    }

    public override async Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        await _index.NoteAsync(_table, entity, cancellationToken).ConfigureAwait(false);
        var response = await _inner.UpsertEntityAsync(entity, mode, cancellationToken).ConfigureAwait(false);
        Learn(entity.PartitionKey, entity.RowKey, entity, response.Headers.ETag);
        return response;
    }

    public override async Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var row = new RowRef(_table, entity.PartitionKey, entity.RowKey);
        if (RowIndex.Keeps(_table, entity.PartitionKey))
        {
            var identifiers = RowIndex.IdentifiersOf(entity).ToList();
            await _index.NoteAsync(row, _noted.NotYetNoted(row, ifMatch, identifiers) ?? identifiers, cancellationToken).ConfigureAwait(false);
        }

        Response response;
        try
        {
            response = await _inner.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            _noted.Forget(row);
            throw;
        }

        Learn(entity.PartitionKey, entity.RowKey, entity, response.Headers.ETag);
        return response;
    }

    public override async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        _noted.Forget(new RowRef(_table, partitionKey, rowKey));
        Response response;
        try
        {
            response = await _inner.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already (another instance, an earlier try cut short): its entries go all the same.
            await ForgetAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await ForgetAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
        return response;
    }

    public override Task<Response> DeleteEntityAsync(ITableEntity entity, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ifMatch, cancellationToken);
    }

    public override async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        foreach (var action in actions)
        {
            _noted.Forget(new RowRef(_table, action.Entity.PartitionKey, action.Entity.RowKey));
        }

        foreach (var action in actions.Where(a => a.ActionType != TableTransactionActionType.Delete))
        {
            await _index.NoteAsync(_table, action.Entity, cancellationToken).ConfigureAwait(false);
        }

        var response = await _inner.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        foreach (var action in actions.Where(a => a.ActionType == TableTransactionActionType.Delete))
        {
            await ForgetAsync(action.Entity.PartitionKey, action.Entity.RowKey, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private async Task ForgetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        // Rows the index does not keep have no entries to look for (a few noted before they stopped being indexed go
        // when a look-up finds their row gone).
        if (RowIndex.Keeps(_table, partitionKey))
        {
            await _index.ForgetRowAsync(new RowRef(_table, partitionKey, rowKey), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Only a query of one partition teaches (the due jobs, a person's waiting messages: read, then claimed): a scan of
    /// a whole table (a migration, retention) would fill the bounded memory of <see cref="NotedRows"/> with rows nobody
    /// writes next and push out those the job runner and the outbox had learnt.
    /// </summary>
    private AsyncPageable<T> LearnFrom<T>(AsyncPageable<T> rows, string? filter)
        where T : class, ITableEntity =>
        filter is not null && filter.Contains("PartitionKey eq ", StringComparison.Ordinal) ? new LearningPageable<T>(rows, this) : rows;

    /// <summary>
    /// A query's rows, learnt as they are read like a single read's, so a job claimed or a message marked right after
    /// the query that found it costs one request. Sync queries (<see cref="Query{T}(string?, int?, IEnumerable{string}?, CancellationToken)"/>)
    /// go straight through: nothing in the service uses them.
    /// </summary>
    private sealed class LearningPageable<T>(AsyncPageable<T> inner, IndexedTableClient client) : AsyncPageable<T>
        where T : class, ITableEntity
    {
        public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            await foreach (var page in inner.AsPages(continuationToken, pageSizeHint).ConfigureAwait(false))
            {
                foreach (var entity in page.Values)
                {
                    // A query that selected a few properties may leave the keys out: such a row is not learnt. One that
                    // left some values out is learnt with fewer identifiers, which costs at most a redundant note later.
                    if (entity.PartitionKey is { } partitionKey && entity.RowKey is { } rowKey)
                    {
                        client.Learn(partitionKey, rowKey, entity);
                    }
                }

                yield return page;
            }
        }
    }

    /// <summary>
    /// Remembers the identifiers of a row as written or read at a version: the index holds entries for them, since
    /// every write notes its entries first.
    /// </summary>
    private void Learn(string partitionKey, string rowKey, ITableEntity entity, ETag? version = null)
    {
        if (RowIndex.Keeps(_table, partitionKey))
        {
            // Keys come from the call: a read that selected a few properties may not carry them.
            _noted.Remember(new RowRef(_table, partitionKey, rowKey), version ?? entity.ETag, RowIndex.IdentifiersOf(entity));
        }
    }
}
