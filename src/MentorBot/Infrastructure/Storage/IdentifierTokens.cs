using System.Text.RegularExpressions;

namespace MentorBot.Infrastructure.Storage;

/// <summary>
/// How stored text is cut into identifiers (ids, addresses, Teams ids): after URL- and JSON-decoding, at every
/// character an id or address cannot hold. The row index and erasure's matching use the same cut, so what one writes
/// the other finds.
/// </summary>
public static partial class IdentifierTokens
{
    // How Teams spells the ids of group chats, meeting chats and channels: "19:…@thread.tacv2" (protocol.md, channel
    // threads), "19:…@thread.v2" for chats (Graph chat ids) and "19:…@thread.skype" in older ones (teams.net docs).
    private static readonly string[] ThreadSuffixes = ["@thread.v2", "@thread.tacv2", "@thread.skype"];

    /// <summary>Runs of characters an id, Teams id or address is made of; a trailing dot (end of a sentence) is not part of it.</summary>
    public static IEnumerable<(int Start, string Value)> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

    /// <summary>
    /// Decodes JSON's \uXXXX escapes and %XX escapes (deep links, table keys) as often as they were applied, so
    /// "max%2540x" and "o\u0027brien@x" are found too.
    /// </summary>
    public static string Decoded(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

    /// <summary>
    /// The identifiers in a text that the row index keeps, lower-cased: Entra object ids and other GUIDs, pair ids and
    /// other hex ids of 16+ digits, addresses (anything with "@") and Teams ids ("29:…", "a:…", "8:orgid:…"). Words,
    /// dates and numbers are not identifiers and are never indexed.
    /// </summary>
    public static IEnumerable<string> Indexable(string text) =>
        Tokens(Decoded(text)).Select(t => t.Value).Where(IsIndexable).Select(t => t.ToLowerInvariant());

    public static bool IsIndexable(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length < 6 || token.Length > 256 || IsThreadId(token))
        {
            return false;
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return Guid.TryParse(token, out _)
            || (token.Length >= 16 && token.All(char.IsAsciiHexDigit))
            || token.Contains('@', StringComparison.Ordinal)
            // A Teams id's part after the colon always holds letters; a time's "41:10.93+00:00" (the tail of
            // "2026-12-03T07:41:10.93+00:00" cut at its first colon) holds none and is no identifier.
            || (colon is > 0 and <= 2 && token.Length - colon > 6 && token[..colon].All(char.IsAsciiLetterOrDigit) && token[(colon + 1)..].Any(char.IsAsciiLetter));
    }

    /// <summary>
    /// A group chat's, meeting chat's or channel's thread id ("19:…@thread.v2", "19:…@thread.tacv2", "…@thread.skype"),
    /// whole, as the tail after its "19:", or in an outbox partition "conversation:19:…". It names a conversation,
    /// never a person: nobody is looked up by it (data rights ask for a person's ids, addresses, Teams id and personal
    /// chat, retention for a pair id), and indexing its three spellings cost three requests per message to a chat.
    /// </summary>
    private static bool IsThreadId(string token) =>
        ThreadSuffixes.Any(suffix => token.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonEscape();
}
