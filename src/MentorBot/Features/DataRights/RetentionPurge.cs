using System.Text.Json;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Removes pairs closed longer than <see cref="RetentionSettings.ClosedPairDays"/> with every pair-scoped row (by the
/// table rules): expectations, agreements, check-ins, meetings, lifecycle records, outcomes, baselines, rematch
/// requests, the pair's alerts, and every row naming the pair by id (messages and dialogs about it, its jobs).
/// Reports therefore cover pairs within the retention period.
/// </summary>
public sealed class RetentionPurge
{
    private readonly TableScanner _scanner;
    private readonly TimeProvider _time;
    private readonly RetentionSettings _settings;

    public RetentionPurge(TableScanner scanner, TimeProvider time, IOptions<RetentionSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _scanner = scanner;
        _time = time;
        _settings = settings.Value;
    }

    /// <summary>Removes expired pairs; returns the ids of the pairs removed.</summary>
    public async Task<IReadOnlyCollection<string>> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow().AddDays(-Math.Max(0, _settings.ClosedPairDays));
        var expired = new HashSet<string>(StringComparer.Ordinal);
        var targets = new List<(TableRule Rule, Azure.Data.Tables.TableEntity Entity)>();
        await foreach (var (rule, entity) in _scanner.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            if (rule.Table == TableNames.Pairs && Read(entity) is { IsClosed: true, ClosedAt: { } closedAt } pair && closedAt <= cutoff)
            {
                expired.Add(pair.PairId);
            }

            targets.Add((rule, entity));
        }

        // Rows of the pair by rule, and rows naming it by id: messages and dialogs about it, its pending jobs.
        var namesExpired = new IdentifierMatch(expired);
        bool OfExpiredPair(TableRule rule, Azure.Data.Tables.TableEntity entity) =>
            (rule.Pair(entity) is { } pair && expired.Contains(pair)) || (rule.Erase == EraseMode.Delete && namesExpired.IsIn(entity));

        // The pair rows go last, so a purge cut short is picked up again the next day.
        foreach (var (rule, entity) in targets.Where(t => OfExpiredPair(t.Rule, t.Entity)).OrderBy(t => t.Rule.Table == TableNames.Pairs))
        {
            await _scanner.DeleteAsync(rule, entity, cancellationToken).ConfigureAwait(false);
        }

        return expired;
    }

    private static Pair? Read(Azure.Data.Tables.TableEntity entity)
    {
        try
        {
            return TableRule.Property(entity, "Pair") is { } json ? JsonSerializer.Deserialize<Pair>(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
