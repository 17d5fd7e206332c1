using System.Text.Json;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>Which of a table's rows a person may receive in their "my data" export.</summary>
public enum ExportPolicy
{
    /// <summary>Coordinator or system data: never exported, even when it names the person.</summary>
    Never,

    /// <summary>Only rows whose owner is the person (their answers, their requests, their state).</summary>
    OwnRows,

    /// <summary>The shared record of a pair the person is in (seen by both parties); rows owned by the partner are left out.</summary>
    PairShared,

    /// <summary>Pair-scoped rows whose row key ends with the person's role in that pair ("midpoint/mentee").</summary>
    OwnRoleRows,
}

/// <summary>What erasing a person does to a row that names them.</summary>
public enum EraseMode
{
    /// <summary>The row is deleted.</summary>
    Delete,

    /// <summary>
    /// Configuration others depend on (a program, a cohort): the person's identifiers are replaced in its properties;
    /// the row is deleted only when its keys name them.
    /// </summary>
    Scrub,
}

/// <summary>
/// What the bot knows about one table's rows for data rights: who owns a row, which pair it belongs to, what may be
/// exported and how erasure treats it. Every table in <see cref="TableNames.All"/> has exactly one rule in
/// <see cref="TableRules"/>.
/// </summary>
public sealed record TableRule(string Table, ExportPolicy Export, string Why)
{
    /// <summary>The Entra object id of the person whose row this is, when it belongs to one person.</summary>
    public Func<TableEntity, string?> Owner { get; init; } = _ => null;

    /// <summary>The pair the row belongs to, when it is pair-scoped (removed with the pair).</summary>
    public Func<TableEntity, string?> Pair { get; init; } = _ => null;

    public EraseMode Erase { get; init; } = EraseMode.Delete;

    // Helpers for the registry: how the stores lay out their keys and properties.
    internal static string Key(string key) => TableKey.Unescape(key);

    /// <summary>The part after the last "|" of a key such as "tenant|program|pair" or "tenant|person".</summary>
    internal static string LastSegment(string key)
    {
        var value = Key(key);
        var at = value.LastIndexOf('|');
        return at < 0 ? value : value[(at + 1)..];
    }

    internal static string? Property(TableEntity entity, string name) => entity.TryGetValue(name, out var value) ? value as string : null;

    /// <summary>A string property of a JSON document stored in a property (e.g. "PersonId" of the "Answer").</summary>
    internal static string? JsonProperty(TableEntity entity, string property, string name)
    {
        if (Property(entity, property) is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
