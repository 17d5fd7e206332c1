using Azure.Data.Tables;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// One person as data rights sees them, in one tenant: their stored identifiers (object id, Teams id, personal chat,
/// addresses from the directory or their pair records) and the pairs they are (or were) in, with their role. A row is
/// theirs when a rule says so or when one of its keys or values is, as a whole, one of those identifiers or one of
/// their pairs' ids, plain or URL-encoded. Never by substring: "the" or a tenant id is not an identifier.
/// </summary>
public sealed class PersonScope
{
    private readonly IdentifierMatch _identifiers;
    private readonly IdentifierMatch _identifiersAndPairs;

    public PersonScope(string tenantId, string personId, IEnumerable<string?> otherIdentifiers, IReadOnlyList<Pair> pairs)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(pairs);
        if (!Guid.TryParse(personId, out _) || string.Equals(personId, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("A person is erased or exported by their Entra object id.", nameof(personId));
        }

        TenantId = tenantId;
        PersonId = personId;
        Pairs = pairs.Where(p => p.TenantId == tenantId).ToList();
        RoleByPair = Pairs
            .Where(p => p.RoleOf(personId) is not null)
            .GroupBy(p => p.PairId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().RoleOf(personId)!.Value.ToString().ToLowerInvariant(), StringComparer.Ordinal);
        var identifiers = new[] { personId }.Concat(otherIdentifiers)
            .Select(i => i?.Trim())
            .Where(i => !string.IsNullOrEmpty(i) && !string.Equals(i, tenantId, StringComparison.OrdinalIgnoreCase))
            .Select(i => i!)
            .ToList();
        _identifiers = new IdentifierMatch(identifiers);
        Identifiers = identifiers.Concat(RoleByPair.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _identifiersAndPairs = new IdentifierMatch(Identifiers);
    }

    public string TenantId { get; }

    public string PersonId { get; }

    public IReadOnlyList<Pair> Pairs { get; }

    /// <summary>The person's stored identifiers and their pairs' ids: what their rows are found by in the row index.</summary>
    public IReadOnlyList<string> Identifiers { get; }

    /// <summary>The person's role ("mentor", "mentee") in each of their pairs.</summary>
    public IReadOnlyDictionary<string, string> RoleByPair { get; }

    public bool IsPerson(string? id) => id is not null && string.Equals(id, PersonId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether one of the row's keys or values is one of the person's identifiers.</summary>
    public bool IsNamedIn(TableEntity entity) => _identifiers.IsIn(entity);

    /// <summary>The text with every value that is one of the person's identifiers replaced.</summary>
    public string Scrub(string text) => _identifiers.Replace(text, "[erased]");

    /// <summary>Whether the person may receive this row in their export, by the table's rule.</summary>
    public bool MayExport(TableRule rule, TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(entity);
        if (IsOtherTenant(entity))
        {
            return false;
        }

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

    /// <summary>
    /// Whether erasing the person touches this row: it is theirs, belongs to one of their pairs, or names them or one of
    /// their pairs by id (the partner's messages and dialogs about the pair, the pair's jobs) — in this tenant only.
    /// </summary>
    public bool IsErased(TableRule rule, TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(entity);
        if (IsOtherTenant(entity))
        {
            return false;
        }

        return IsPerson(rule.Owner(entity))
            || (rule.Pair(entity) is { } pair && RoleByPair.ContainsKey(pair))
            || _identifiersAndPairs.IsIn(entity);
    }

    /// <summary>A row whose keys or TenantId say it belongs to another tenant is never touched.</summary>
    private bool IsOtherTenant(TableEntity entity)
    {
        if (entity.TryGetValue("TenantId", out var tenant) && tenant is string value && value.Length > 0)
        {
            return !string.Equals(value, TenantId, StringComparison.OrdinalIgnoreCase);
        }

        var partition = TableKey.Unescape(entity.PartitionKey);
        var bar = partition.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && Guid.TryParse(partition[..bar], out _) && !string.Equals(partition[..bar], TenantId, StringComparison.OrdinalIgnoreCase);
    }
}
