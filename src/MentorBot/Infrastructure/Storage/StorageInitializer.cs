using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MentorBot.Infrastructure.Storage;

/// <summary>Creates the tables before the service takes requests; a storage account that cannot be reached stops start-up.</summary>
public sealed partial class StorageInitializer : IHostedService
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    private readonly TableStorage _storage;
    private readonly ILogger<StorageInitializer> _logger;

    public StorageInitializer(TableStorage storage, ILogger<StorageInitializer> logger)
    {
        _storage = storage;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _storage.CreateTablesAsync(TableNames.All, cancellationToken).ConfigureAwait(false);
                LogReady(TableNames.All.Count, _storage.Prefix);
                return;
            }
            catch (Exception ex) when (attempt < Backoff.Length && ex is RequestFailedException or AggregateException or HttpRequestException)
            {
                LogRetry(ex.Message);
                await Task.Delay(Backoff[attempt], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
            {
                throw new InvalidOperationException(
                    "Table Storage could not be reached to create the bot's tables. Check Storage:ConnectionString " +
                    "(locally: is Azurite running?).", ex);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: {Count} tables with prefix '{Prefix}'")]
    private partial void LogReady(int count, string prefix);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage not reachable yet, retrying: {Reason}")]
    private partial void LogRetry(string reason);
}
