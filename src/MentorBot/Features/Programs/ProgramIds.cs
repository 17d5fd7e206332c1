using System.Security.Cryptography;
using System.Text;

namespace MentorBot.Features.Programs;

public static class ProgramIds
{
    /// <summary>
    /// A readable, stable id from a program name: "Women in Engineering 2027" → "women-in-engineering-2027". A name that
    /// letters and digits of ASCII do not spell out whole ("Программа 2027", "R&amp;D", "日本") gets a short hash of the
    /// whole name too, so two different names never share an id, whatever their script.
    /// </summary>
    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = name.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var slug = new StringBuilder();
        var lossless = true;
        foreach (var c in normalized)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else
            {
                lossless &= c is ' ' or '-';
                if (slug.Length > 0 && slug[^1] != '-')
                {
                    slug.Append('-');
                }
            }
        }

        var id = slug.ToString().Trim('-');
        lossless &= id.Length is > 0 and <= 60 && !normalized.Contains("  ", StringComparison.Ordinal) && !normalized.Contains("--", StringComparison.Ordinal);
        if (lossless)
        {
            return id;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..10];
        var readable = id.Length > 48 ? id[..48].TrimEnd('-') : id;
        return readable.Length == 0 ? $"program-{hash}" : $"{readable}-{hash}";
    }
}
