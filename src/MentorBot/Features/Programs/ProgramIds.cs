using System.Text;

namespace MentorBot.Features.Programs;

public static class ProgramIds
{
    /// <summary>A readable, stable id from a program name: "Women in Engineering 2027" → "women-in-engineering-2027".</summary>
    public static string FromName(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var id = slug.ToString().Trim('-');
        return id.Length == 0 ? "program" : id.Length > 60 ? id[..60] : id;
    }
}
