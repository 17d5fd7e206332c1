using System.Text.Json;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Removes pairs closed longer than <see cref="RetentionSettings.ClosedPairDays"/> with every pair-scoped row (by the
/// table rules): expectations, agreements, check-ins, meetings, lifecycle records, outcomes, baselines, rematch
/// requests, the pair's alerts, and every row naming the pair by id (messages and dialogs about it, its jobs).
/// Reports therefore cover pairs within the retention period. Also clears what only outlives its use by accident:
/// invoke answers past their redelivery window and the redelivery ledger's rows older than a day.
/// </summary>
public sealed class RetentionPurge
{
    private readonly TableStorage _storage;
    private readonly StoredRows _rows;
    private readonly TimeProvider _time;
    private readonly RetentionSettings _settings;
    private readonly InvokeAnswerStore _answers;
    private readonly InboundActivityLedger _ledger;

    public RetentionPurge(
        TableStorage storage, StoredRows rows, TimeProvider time, IOptions<RetentionSettings> settings, InvokeAnswerStore answers, InboundActivityLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _storage = storage;
        _rows = rows;
        _answers = answers;
        _ledger = ledger;
        _time = time;
        _settings = settings.Value;
    }

    /// <summary>Removes expired pairs; returns the ids of the pairs removed.</summary>
    public async Task<IReadOnlyCollection<string>> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow().AddDays(-Math.Max(0, _settings.ClosedPairDays));
        var expired = new HashSet<string>(StringComparer.Ordinal);
        // Only the pairs table is read in full (one row per pair); each expired pair's rows are looked up by its id.
        await foreach (var entity in _storage.Table(TableNames.Pairs).QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (Read(entity) is { IsClosed: true, ClosedAt: { } closedAt } pair && closedAt <= cutoff)
            {
                expired.Add(pair.PairId);
            }
        }

        foreach (var pairId in expired)
        {
            await PurgeAsync(pairId, cancellationToken).ConfigureAwait(false);
        }

        // Invoke answers are not in the row index: any that outlived their redelivery window (a failed job) go here.
        await _answers.ForgetExpiredAsync(cancellationToken).ConfigureAwait(false);
        // The redelivery ledger names people's chats; past a day no redelivery comes, so its rows go too.
        await _ledger.ForgetOldAsync(cancellationToken).ConfigureAwait(false);
        return expired;
    }

    /// <summary>Rows of the pair by rule, and rows naming it by id: messages and dialogs about it, its pending jobs.</summary>
    private async Task PurgeAsync(string pairId, CancellationToken cancellationToken)
    {
        var namesPair = new IdentifierMatch([pairId]);
        var targets = new List<(TableRule Rule, Azure.Data.Tables.TableEntity Entity)>();
        await foreach (var (rule, entity) in _rows.NamingAsync([pairId], cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(rule.Pair(entity), pairId, StringComparison.Ordinal) || (rule.Erase == EraseMode.Delete && namesPair.IsIn(entity)))
            {
                targets.Add((rule, entity));
            }
        }

        // The pair row goes last, so a purge cut short is picked up again the next day.
        foreach (var (rule, entity) in targets.OrderBy(t => t.Rule.Table == TableNames.Pairs))
        {
            await _rows.DeleteAsync(rule, entity, cancellationToken).ConfigureAwait(false);
        }
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
