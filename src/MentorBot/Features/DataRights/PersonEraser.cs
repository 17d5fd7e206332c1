using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Counts and removes every row that names a person, across all tables (their pairs with them): the rows the row index
/// lists for their identifiers and their pairs' ids; a deleted row takes its index entries with it.
/// </summary>
public sealed class PersonEraser
{
    private readonly StoredRows _rows;
    private readonly InvokeAnswerStore _answers;

    public PersonEraser(StoredRows rows, InvokeAnswerStore answers)
    {
        _rows = rows;
        _answers = answers;
    }

    /// <summary>How many rows erasing the person would touch, per table (only tables with rows).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountAsync(PersonScope person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var (rule, entity) in _rows.NamingAsync(person.Identifiers, cancellationToken).ConfigureAwait(false))
        {
            if (person.IsErased(rule, entity))
            {
                counts[rule.Table] = counts.GetValueOrDefault(rule.Table) + 1;
            }
        }

        return counts;
    }

    /// <summary>Removes the rows (or scrubs shared configuration) and says how many per table.</summary>
    public async Task<IReadOnlyDictionary<string, int>> EraseAsync(PersonScope person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var targets = new List<(TableRule Rule, TableEntity Entity)>();
        await foreach (var (rule, entity) in _rows.NamingAsync(person.Identifiers, cancellationToken).ConfigureAwait(false))
        {
            if (person.IsErased(rule, entity))
            {
                targets.Add((rule, entity));
            }
        }

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (rule, entity) in targets)
        {
            var keysName = person.IsPerson(rule.Owner(entity))
                || person.IsNamedIn(new TableEntity(entity.PartitionKey, entity.RowKey));
            if (rule.Erase == EraseMode.Scrub && !keysName)
            {
                var scrubbed = new TableEntity(entity.PartitionKey, entity.RowKey);
                foreach (var (key, value) in entity)
                {
                    if (key is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
                    {
                        continue;
                    }

                    scrubbed[key] = value is string text ? person.Scrub(text) : value;
                }

                await _rows.ReplaceAsync(rule, scrubbed, person.Identifiers, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _rows.DeleteAsync(rule, entity, cancellationToken).ConfigureAwait(false);
            }

            counts[rule.Table] = counts.GetValueOrDefault(rule.Table) + 1;
        }

        // An invoke's first answer does not say whose words it quotes: the few still kept for redelivery all go.
        if (await _answers.ForgetAllAsync(cancellationToken).ConfigureAwait(false) is > 0 and var forgotten)
        {
            counts[TableNames.InvokeAnswers] = counts.GetValueOrDefault(TableNames.InvokeAnswers) + forgotten;
        }

        return counts;
    }
}
