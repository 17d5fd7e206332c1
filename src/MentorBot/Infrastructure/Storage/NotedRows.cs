using System.Collections.Concurrent;
using Azure;

namespace MentorBot.Infrastructure.Storage;

/// <summary>
/// Rows whose index entries this instance knows to exist, each at the version (ETag) it wrote or read. An update
/// conditional on that very version finds the row unchanged since, and entries only ever go with their row or with
/// the value a row stopped holding (both change the version), so a write whose identifiers are all known needs no
/// index requests. Only a conditional update may skip: an upsert or an unconditional update could land on a row that
/// was deleted or rewritten meanwhile. Forgetting costs only a redundant index write later.
/// </summary>
internal sealed class NotedRows
{
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<RowRef, (string Version, HashSet<string> Identifiers)> _rows = new();

    public void Remember(RowRef row, ETag? version, IEnumerable<string> identifiers)
    {
        if (version is not { } known || known == ETag.All || known == default)
        {
            _rows.TryRemove(row, out _);
            return;
        }

        if (_rows.Count >= MaxRemembered)
        {
            // A bound on memory.
            _rows.Clear();
        }

        _rows[row] = (Normalized(known), identifiers.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// For a write conditional on <paramref name="ifMatch"/> to a row known at that version, the identifiers it names
    /// that are not indexed for the row yet (often none: a status change); null when the row is not known at that
    /// version, so every identifier must be noted.
    /// </summary>
    public IReadOnlyList<string>? NotYetNoted(RowRef row, ETag ifMatch, IEnumerable<string> identifiers) =>
        ifMatch != ETag.All && ifMatch != default && _rows.TryGetValue(row, out var noted) && noted.Version == Normalized(ifMatch)
            ? identifiers.Where(i => !noted.Identifiers.Contains(i)).ToList()
            : null;

    public void Forget(RowRef row) => _rows.TryRemove(row, out _);

    // The same version reads W/"datetime'2026-12-03T07%3A40%3A00Z'" in a body and may be spelled unescaped in a header.
    private static string Normalized(ETag version) => Uri.UnescapeDataString(version.ToString());
}
