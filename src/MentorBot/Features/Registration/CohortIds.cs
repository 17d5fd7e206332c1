using System.Security.Cryptography;
using System.Text;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

public static class CohortIds
{
    /// <summary>
    /// "Spring 2027" → "spring-2027", the id registration looks a cohort up by. A name with no Latin letters or
    /// digits ("春季") gets an id from a hash of the name, so two such cohorts do not share one id.
    /// </summary>
    public static string For(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Any(char.IsAsciiLetterOrDigit))
        {
            return ProgramIds.FromName(trimmed);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(trimmed.ToUpperInvariant()));
        return "cohort-" + Convert.ToHexString(hash)[..10].ToLowerInvariant();
    }
}
