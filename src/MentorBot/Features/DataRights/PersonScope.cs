using System.Text.RegularExpressions;
using Azure.Data.Tables;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>One person as data rights sees them: their identifiers and the pairs they are (or were) in, with their role.</summary>
public sealed class PersonScope
{
    private readonly Regex _names;

    public PersonScope(string personId, IEnumerable<string?> otherIdentifiers, IReadOnlyList<Pair> pairs)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        ArgumentNullException.ThrowIfNull(pairs);
        PersonId = personId;
        Pairs = pairs;
        RoleByPair = pairs
            .Where(p => p.RoleOf(personId) is not null)
            .GroupBy(p => p.PairId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().RoleOf(personId)!.Value.ToString().ToLowerInvariant(), StringComparer.Ordinal);
        var identifiers = new[] { personId }.Concat(otherIdentifiers)
            .Where(i => !string.IsNullOrWhiteSpace(i) && i!.Trim().Length >= 3)
            .Select(i => Regex.Escape(i!.Trim()))
            .Distinct(StringComparer.OrdinalIgnoreCase);

        // Whole identifiers only: "user-1" must not match inside "user-10".
        _names = new Regex($@"(?<![\w.-])(?:{string.Join('|', identifiers)})(?![\w-]|\.\w)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string PersonId { get; }

    public IReadOnlyList<Pair> Pairs { get; }

    /// <summary>The person's role ("mentor", "mentee") in each of their pairs.</summary>
    public IReadOnlyDictionary<string, string> RoleByPair { get; }

    public bool IsPerson(string? id) => id is not null && string.Equals(id, PersonId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the row's keys or any string property (JSON included) name the person.</summary>
    public bool IsNamedIn(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return _names.IsMatch(TableKey.Unescape(entity.PartitionKey))
            || _names.IsMatch(TableKey.Unescape(entity.RowKey))
            || entity.Where(p => p.Key is not "PartitionKey" and not "RowKey").Select(p => p.Value).OfType<string>().Any(_names.IsMatch);
    }

    /// <summary>The text with every identifier of the person replaced.</summary>
    public string Scrub(string text) => _names.Replace(text, "[erased]");

    /// <summary>Whether the person may receive this row in their export, by the table's rule.</summary>
    public bool MayExport(TableRule rule, TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(rule);
        switch (rule.Export)
        {
            case ExportPolicy.OwnRows:
                return IsPerson(rule.Owner(entity));
            case ExportPolicy.PairShared:
                var owner = rule.Owner(entity);
                return rule.Pair(entity) is { } pair && RoleByPair.ContainsKey(pair) && (owner is null || IsPerson(owner));
            case ExportPolicy.OwnRoleRows:
                if (rule.Pair(entity) is not { } pairId || !RoleByPair.TryGetValue(pairId, out var role))
                {
                    return false;
                }

                var row = TableKey.Unescape(entity.RowKey);
                return row.EndsWith("/" + role, StringComparison.OrdinalIgnoreCase);
            default:
                return false;
        }
    }

    /// <summary>Whether erasing the person touches this row: it is theirs, names them, or belongs to one of their pairs.</summary>
    public bool IsErased(TableRule rule, TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return IsPerson(rule.Owner(entity))
            || (rule.Pair(entity) is { } pair && RoleByPair.ContainsKey(pair))
            || IsNamedIn(entity);
    }
}
