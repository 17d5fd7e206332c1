using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace MentorBot.Features.DataRights;

/// <summary>The rows a person may receive, grouped by table, as one JSON document.</summary>
public sealed record PersonalData(string Json, IReadOnlyDictionary<string, int> Counts);

/// <summary>Gathers everything stored about a person that the table rules let them see ("my data").</summary>
public sealed class PersonalDataExport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly StoredRows _rows;
    private readonly TimeProvider _time;

    public PersonalDataExport(StoredRows rows, TimeProvider time)
    {
        _rows = rows;
        _time = time;
    }

    public async Task<PersonalData> BuildAsync(PersonScope person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var tables = new JsonObject();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var (rule, entity) in _rows.NamingAsync(person.Identifiers, cancellationToken).ConfigureAwait(false))
        {
            if (!person.MayExport(rule, entity))
            {
                continue;
            }

            if (tables[rule.Table] is not JsonArray rows)
            {
                rows = [];
                tables[rule.Table] = rows;
            }

            var row = ToJson(entity);
            PartyView.Shape(rule.Table, person.PersonId, row);
            rows.Add(row);
            counts[rule.Table] = counts.GetValueOrDefault(rule.Table) + 1;
        }

        var document = new JsonObject
        {
            ["personId"] = person.PersonId,
            ["generatedAt"] = _time.GetUtcNow(),
            ["about"] = "Everything MentorBot stores about you that is yours or shared with you, by table. " +
                "Your partner's private answers, their requests and coordinators' alerts are not included.",
            ["tables"] = tables,
        };
        return new PersonalData(document.ToJsonString(Indented), counts);
    }

    internal static JsonObject ToJson(TableEntity entity)
    {
        var row = new JsonObject();
        foreach (var (key, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            row[key] = value switch
            {
                null => null,
                string text when key is "PartitionKey" or "RowKey" => Infrastructure.Storage.TableKey.Unescape(text),
                string text => ParseJson(text),
                bool b => b,
                int i => i,
                long l => l,
                double d => d,
                DateTimeOffset at => at,
                DateTime at => at,
                Guid g => g.ToString(),
                byte[] bytes => Convert.ToBase64String(bytes),
                _ => value.ToString(),
            };
        }

        return row;
    }

    /// <summary>A property holding a JSON document is exported as JSON, anything else as text.</summary>
    private static JsonNode? ParseJson(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON after all.
            }
        }

        return text;
    }
}
