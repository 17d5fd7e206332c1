using System.Text;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Finds whole identifiers (ids, addresses) in stored keys and values: a value is cut into tokens at every character
/// an id or address cannot hold, after URL-decoding, and a token must equal an identifier. "user-1" is not found in
/// "user-10", and a word is never an identifier unless it is one.
/// </summary>
public sealed class IdentifierMatch
{
    private readonly HashSet<string> _identifiers;

    public IdentifierMatch(IEnumerable<string> identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        _identifiers = new HashSet<string>(identifiers.Where(i => i.Length > 0), StringComparer.OrdinalIgnoreCase);
    }

    public bool IsIn(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return IsIn(entity.PartitionKey) || IsIn(entity.RowKey)
            || entity.Where(p => p.Key is not "PartitionKey" and not "RowKey" and not "odata.etag").Select(p => p.Value).OfType<string>().Any(IsIn);
    }

    public bool IsIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IdentifierTokens.Tokens(IdentifierTokens.Decoded(text)).Any(t => _identifiers.Contains(t.Value));
    }

    /// <summary>The text (decoded when it held escapes) with every identifier token replaced.</summary>
    public string Replace(string text, string replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decoded = IdentifierTokens.Decoded(text);
        var builder = new StringBuilder(decoded.Length);
        var at = 0;
        foreach (var (start, value) in IdentifierTokens.Tokens(decoded))
        {
            if (start >= at && _identifiers.Contains(value))
            {
                builder.Append(decoded, at, start - at).Append(replacement);
                at = start + value.Length;
            }
        }

        return builder.Append(decoded, at, decoded.Length - at).ToString();
    }
}
