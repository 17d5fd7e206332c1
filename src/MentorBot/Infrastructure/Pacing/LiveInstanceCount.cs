using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Connector;

namespace MentorBot.Infrastructure.Pacing;

/// <summary>
/// How many instances of the bot are sending, counted from a heartbeat row each writes (<see cref="InstanceHeartbeat"/>),
/// so each paces a tenant at its share of Teams' limit. An instance is live if seen within <see cref="LiveFor"/>. The
/// count is kept between beats; when storage fails, the last one known stays.
/// </summary>
public sealed partial class LiveInstanceCount : IInstanceShare
{
    public static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LiveFor = TimeSpan.FromSeconds(30);

    /// <summary>A row this old is of an instance that stopped without leaving (killed); any instance removes it.</summary>
    public static readonly TimeSpan GoneAfter = TimeSpan.FromMinutes(10);

    public const string Partition = "instances";

    private readonly TableStorage _storage;
    private readonly ILogger<LiveInstanceCount> _logger;
    private int _live = 1;

    public LiveInstanceCount(TableStorage storage, ILogger<LiveInstanceCount> logger)
    {
        _storage = storage;
        _logger = logger;
    }

    /// <summary>This process's row: its machine and a random part, since one machine may run several.</summary>
    public string InstanceId { get; } = TableKey.Escape($"{Environment.MachineName}-{Guid.NewGuid():N}");

    public int LiveInstances => Volatile.Read(ref _live);

    private TableClient Table => _storage.Table(TableNames.LiveInstances);

    /// <summary>Says this instance is live and counts the live ones. Network time, like the pacer's windows.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        try
        {
            await Table.UpsertEntityAsync(new TableEntity(Partition, InstanceId) { ["SeenAt"] = now }, TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            var live = 0;
            var gone = new List<string>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "SeenAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var seenAt = row.GetDateTimeOffset("SeenAt");
                live += row.RowKey == InstanceId || seenAt > now - LiveFor ? 1 : 0;
                if (row.RowKey != InstanceId && !(seenAt > now - GoneAfter))
                {
                    gone.Add(row.RowKey);
                }
            }

            Volatile.Write(ref _live, Math.Max(1, live));
            foreach (var rowKey in gone)
            {
                await ForgetAsync(rowKey, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever storage does, the heartbeat goes on and the pacer keeps the last count.
            LogBeatFailed(ex, LiveInstances);
        }
    }

    /// <summary>Takes this instance out of the count at once when it stops.</summary>
    public Task LeaveAsync(CancellationToken cancellationToken) => ForgetAsync(InstanceId, cancellationToken);

    private async Task ForgetAsync(string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another instance removed it first.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the live instances; pacing on as one of {Live}")]
    private partial void LogBeatFailed(Exception exception, int live);
}
