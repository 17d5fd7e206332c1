namespace MentorBot.Features.Matching;

/// <summary>Reads "… cohort &lt;name&gt;" at the end of a matching command: the words before it, and the cohort's name.</summary>
public static class CohortCommandText
{
    public static (IReadOnlyList<string> Words, string? Cohort) Split(string? arguments)
    {
        var words = (arguments ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var at = words.FindIndex(w => string.Equals(w, "cohort", StringComparison.OrdinalIgnoreCase));
        return at < 0 ? (words, null) : (words[..at], at + 1 < words.Count ? string.Join(' ', words[(at + 1)..]) : null);
    }
}
