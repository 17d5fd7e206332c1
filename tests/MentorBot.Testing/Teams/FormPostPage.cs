using System.Net;
using System.Text.RegularExpressions;

namespace MentorBot.Testing;

/// <summary>Reads the auto-submitting form Entra answers with in form_post mode: where it posts, and its hidden fields.</summary>
public static partial class FormPostPage
{
    public static bool TryParse(string html, out Uri action, out Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(html);
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var form = FormTag().Match(html);
        if (!form.Success || !Uri.TryCreate(WebUtility.HtmlDecode(form.Groups["action"].Value), UriKind.Absolute, out action!))
        {
            action = null!;
            return false;
        }

        foreach (Match input in HiddenInput().Matches(html))
        {
            fields[WebUtility.HtmlDecode(input.Groups["name"].Value)] = WebUtility.HtmlDecode(input.Groups["value"].Value);
        }

        return true;
    }

    [GeneratedRegex("<form[^>]*method=\"POST\"[^>]*action=\"(?<action>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
