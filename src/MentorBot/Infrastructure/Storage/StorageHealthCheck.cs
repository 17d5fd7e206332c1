using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MentorBot.Infrastructure.Storage;

/// <summary>Ready means Table Storage answers: without it the bot can neither record nor answer anything.</summary>
public sealed class StorageHealthCheck : IHealthCheck
{
    private readonly TableStorage _storage;

    public StorageHealthCheck(TableStorage storage)
    {
        _storage = storage;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _storage.Table(TableNames.InboundActivities).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: cancellationToken)
                .AsPages().GetAsyncEnumerator(cancellationToken).MoveNextAsync().ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            return HealthCheckResult.Unhealthy("Table Storage is not reachable.", ex);
        }
    }
}
