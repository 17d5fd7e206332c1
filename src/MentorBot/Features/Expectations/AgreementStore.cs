using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Expectations;

/// <summary>
/// Every version of every agreement (partition: tenant, program and pair; row: "v000001", "v000002"...). Exactly
/// one version of a pair is marked current; a new version is added and the old one unmarked in one transaction,
/// with the old one's ETag, so a confirmation racing a revision is noticed by whichever comes second.
/// </summary>
public sealed class AgreementStore
{
    private const string CurrentProperty = "IsCurrent";

    private readonly TableClient _table;

    public AgreementStore(TableStorage storage)
    {
        _table = storage.Table(TableNames.Agreements);
    }

    public async Task<(ExpectationsAgreement Agreement, ETag ETag)?> CurrentAsync(PairKey pair, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ExpectationsStore.Partition(pair)} and IsCurrent eq true");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return (Read(entity), entity.ETag);
        }

        return null;
    }

    /// <summary>Every version of the pair's agreement, oldest first.</summary>
    public async Task<IReadOnlyList<ExpectationsAgreement>> HistoryAsync(PairKey pair, CancellationToken cancellationToken)
    {
        var versions = new List<ExpectationsAgreement>();
        var partition = ExpectationsStore.Partition(pair);
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            versions.Add(Read(entity));
        }

        return versions.OrderBy(v => v.Version).ToList();
    }

    /// <summary>The newest version both parties confirmed: what the pair actually agreed, even while a revision awaits confirmation.</summary>
    public async Task<ExpectationsAgreement?> LatestConfirmedAsync(PairKey pair, CancellationToken cancellationToken) =>
        (await HistoryAsync(pair, cancellationToken).ConfigureAwait(false)).LastOrDefault(v => v.IsConfirmed);

    /// <summary>Adds <paramref name="next"/> as the current version, unmarking <paramref name="previous"/> (read with its ETag).</summary>
    public async Task AddVersionAsync(ExpectationsAgreement next, (ExpectationsAgreement Agreement, ETag ETag)? previous, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(next, isCurrent: true)) };
        if (previous is { } old)
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, ToEntity(old.Agreement, isCurrent: false), old.ETag));
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsDuplicate(ex))
        {
            throw new ConcurrentUpdateException("The agreement changed while this request was handled.", ex);
        }
    }

    /// <summary>Records confirmations, notes or posts on a version, only if nobody changed it since it was read.</summary>
    public async Task UpdateAsync(ExpectationsAgreement agreement, ETag etag, CancellationToken cancellationToken)
    {
        // Merge leaves IsCurrent as it is: a version's place in the history is changed only by AddVersionAsync.
        var entity = new TableEntity(ExpectationsStore.Partition(PairKey.Of(agreement)), RowKey(agreement.Version))
        {
            ["Agreement"] = JsonSerializer.Serialize(agreement),
            ["Confirmed"] = agreement.IsConfirmed,
        };
        try
        {
            await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex))
        {
            throw new ConcurrentUpdateException("The agreement changed while this request was handled.", ex);
        }
    }

    /// <summary>Adds where a version's card was posted, reading again if another write came first.</summary>
    public async Task AddPostsAsync(PairKey pair, int version, IReadOnlyList<CardPost> posts, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5 && posts.Count > 0; attempt++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(ExpectationsStore.Partition(pair), RowKey(version), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (!response.HasValue || response.Value is null)
            {
                return;
            }

            var agreement = Read(response.Value);
            var merged = agreement.Posts.Where(p => posts.All(n => n.Where != p.Where)).Concat(posts).ToList();
            try
            {
                await UpdateAsync(agreement with { Posts = merged }, response.Value.ETag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConcurrentUpdateException)
            {
                // A confirmation landed in between; read it and add the posts to that.
            }
        }
    }

    private static string RowKey(int version) => "v" + version.ToString("D6", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ExpectationsAgreement agreement, bool isCurrent) =>
        new(ExpectationsStore.Partition(PairKey.Of(agreement)), RowKey(agreement.Version))
        {
            ["Agreement"] = JsonSerializer.Serialize(agreement),
            ["Version"] = agreement.Version,
            [CurrentProperty] = isCurrent,
            ["Confirmed"] = agreement.IsConfirmed,
            ["CreatedAt"] = agreement.CreatedAt,
        };

    private static ExpectationsAgreement Read(TableEntity entity) => JsonSerializer.Deserialize<ExpectationsAgreement>(entity.GetString("Agreement")!)!;
}
