using System.Text;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Finds whole identifiers (ids, addresses) in stored keys and values: a value is cut into tokens at every character
/// an id or address cannot hold, after URL-decoding, and a token must equal an identifier. "user-1" is not found in
/// "user-10", and a word is never an identifier unless it is one.
/// </summary>
public sealed partial class IdentifierMatch
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
        return Tokens(Decoded(text)).Any(t => _identifiers.Contains(t.Value));
    }

    /// <summary>The text (decoded when it held escapes) with every identifier token replaced.</summary>
    public string Replace(string text, string replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decoded = Decoded(text);
        var builder = new StringBuilder(decoded.Length);
        var at = 0;
        foreach (var (start, value) in Tokens(decoded))
        {
            if (start >= at && _identifiers.Contains(value))
            {
                builder.Append(decoded, at, start - at).Append(replacement);
                at = start + value.Length;
            }
        }

        return builder.Append(decoded, at, decoded.Length - at).ToString();
    }

    /// <summary>
    /// Decodes JSON's \uXXXX escapes and %XX escapes (deep links, table keys) as often as they were applied, so
    /// "max%2540x" and "o\u0027brien@x" are found too.
    /// </summary>
    private static string Decoded(string text)
    {
        if (text.Contains("\\u", StringComparison.Ordinal))
        {
            text = JsonEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        }

        for (var i = 0; i < 3 && text.Contains('%', StringComparison.Ordinal); i++)
        {
            string next;
            try
            {
                next = Uri.UnescapeDataString(text);
            }
            catch (UriFormatException)
            {
                return text;
            }

            if (next == text)
            {
                break;
            }

            text = next;
        }

        return text;
    }

    /// <summary>Runs of characters an id, Teams id or address is made of; a trailing dot (end of a sentence) is not part of it.</summary>
    private static IEnumerable<(int Start, string Value)> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inToken = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '@' or '.' or '_' or '-' or ':' or '+' or '\'');
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                var value = text[start..i].TrimEnd('.', ':', '\'');
                yield return (start, value);
                // A Teams id "29:abc" is found as a whole and as "abc", a personal chat "a:1xyz" as a whole.
                var colon = value.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && colon < value.Length - 1)
                {
                    yield return (start + colon + 1, value[(colon + 1)..]);
                }

                start = -1;
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial System.Text.RegularExpressions.Regex JsonEscape();
}
