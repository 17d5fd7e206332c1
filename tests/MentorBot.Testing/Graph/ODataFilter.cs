using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MentorBot.Testing;

/// <summary>
/// The small part of OData <c>$filter</c> the bot's lookups use, evaluated against an entity's JSON:
/// <c>a eq 'x'</c>, <c>a/b eq 'x'</c> (nested), <c>a in ('x','y')</c>, <c>a/any(p:p eq 'x')</c>,
/// <c>startswith(a,'x')</c>, joined by <c>and</c>/<c>or</c> with parentheses. Strings compare
/// case-insensitively, as Graph does for names and addresses. Anything else is a
/// <see cref="FormatException"/> (answered 400), so an unsupported query is loud rather than silently empty.
/// </summary>
internal sealed partial class ODataFilter
{
    private const string Quoted = "'((?:[^']|'')*)'";
    private readonly Func<JsonObject, bool> _test;

    private ODataFilter(Func<JsonObject, bool> test) => _test = test;

    public static ODataFilter Parse(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new ODataFilter(ParseExpression(filter.Trim()));
    }

    public bool Matches(JsonObject entity) => _test(entity);

    private static Func<JsonObject, bool> ParseExpression(string text)
    {
        text = StripOuterParentheses(text);
        var alternatives = SplitTopLevel(text, " or ");
        if (alternatives.Count > 1)
        {
            var parts = alternatives.Select(ParseExpression).ToList();
            return e => parts.Exists(p => p(e));
        }

        var conjuncts = SplitTopLevel(text, " and ");
        if (conjuncts.Count > 1)
        {
            var parts = conjuncts.Select(ParseExpression).ToList();
            return e => parts.TrueForAll(p => p(e));
        }

        return ParseTerm(text);
    }

    private static Func<JsonObject, bool> ParseTerm(string term)
    {
        if (EqualsTerm().Match(term) is { Success: true } eq)
        {
            var (path, value) = (eq.Groups[1].Value, Unquote(eq.Groups[2].Value));
            return e => Same(Read(e, path), value);
        }

        if (InTerm().Match(term) is { Success: true } inList)
        {
            var path = inList.Groups[1].Value;
            var values = QuotedValue().Matches(inList.Groups[2].Value).Select(m => Unquote(m.Groups[1].Value)).ToList();
            return e => values.Exists(v => Same(Read(e, path), v));
        }

        if (AnyTerm().Match(term) is { Success: true } any)
        {
            var (path, value) = (any.Groups[1].Value, Unquote(any.Groups[3].Value));
            return e => Read(e, path) is JsonArray items && items.Any(i => Same(i, value));
        }

        if (StartsWithTerm().Match(term) is { Success: true } starts)
        {
            var (path, value) = (starts.Groups[1].Value, Unquote(starts.Groups[2].Value));
            return e => JsonText.StringOrNull(Read(e, path)) is { } text && text.StartsWith(value, StringComparison.OrdinalIgnoreCase);
        }

        throw new FormatException($"The Graph stand-in does not understand the filter term \"{term}\".");
    }

    private static JsonNode? Read(JsonObject entity, string path)
    {
        JsonNode? node = entity;
        foreach (var name in path.Split('/'))
        {
            node = node is JsonObject obj
                ? obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value
                : null;
        }

        return node;
    }

    private static bool Same(JsonNode? node, string value) =>
        string.Equals(JsonText.StringOrNull(node), value, StringComparison.OrdinalIgnoreCase);

    private static string Unquote(string quoted) => quoted.Replace("''", "'", StringComparison.Ordinal);

    /// <summary>Splits on a keyword outside quotes and parentheses.</summary>
    private static List<string> SplitTopLevel(string text, string keyword)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && string.Compare(text, i, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                parts.Add(current.ToString().Trim());
                current.Clear();
                i += keyword.Length - 1;
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString().Trim());
        return parts;
    }

    private static string StripOuterParentheses(string text)
    {
        while (text.StartsWith('(') && text.EndsWith(')') && ClosesAtEnd(text))
        {
            text = text[1..^1].Trim();
        }

        return text;
    }

    // True when the '(' at position 0 is closed by the final ')', not earlier.
    private static bool ClosesAtEnd(string text)
    {
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')' && --depth == 0)
            {
                return i == text.Length - 1;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^([\w/]+)\s+eq\s+" + Quoted + "$", RegexOptions.IgnoreCase)]
    private static partial Regex EqualsTerm();

    [GeneratedRegex(@"^([\w/]+)\s+in\s+\((.*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex InTerm();

    [GeneratedRegex(@"^([\w/]+)/any\(\s*(\w+)\s*:\s*\2\s+eq\s+" + Quoted + @"\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex AnyTerm();

    [GeneratedRegex(@"^startswith\(\s*([\w/]+)\s*,\s*" + Quoted + @"\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex StartsWithTerm();

    [GeneratedRegex(Quoted)]
    private static partial Regex QuotedValue();
}
