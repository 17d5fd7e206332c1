using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Moves the <see cref="RowIndex"/> entries of the layout before shards (a partition per identifier and one per row)
/// into the shards: at the first start of this version, and once more a day later for entries that instances of the
/// version before wrote while the upgrade rolled out. Until then a look-up reads the old layout too and moves what it
/// finds, so erase and "my data" miss nothing meanwhile. Moving an entry twice changes nothing.
/// </summary>
public sealed class RowIndexLayoutMigration : IJobHandler
{
    public const string JobKind = "data.row-index-shards";

    private readonly TableStorage _storage;

    public RowIndexLayoutMigration(TableStorage storage)
    {
        _storage = storage;
    }

    public string Kind => JobKind;

    /// <summary>The two runs: at start-up, and a day later, after every instance runs this version.</summary>
    public static IEnumerable<Job> For(DateTimeOffset now) => [new(JobKind, "v1", now), new(JobKind, "v1-after-upgrade", now.AddDays(1))];

    public Task RunAsync(Job job, CancellationToken cancellationToken) => _storage.Index.MoveLegacyEntriesAsync(cancellationToken);
}
