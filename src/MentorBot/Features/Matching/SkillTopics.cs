using System.Text.RegularExpressions;

namespace MentorBot.Features.Matching;

/// <summary>
/// The fixed list of things mentees ask for and mentors offer. What people wrote is only ever mapped onto these
/// labels, never quoted, so a suggestion's reasons cannot repeat a party's own words.
/// </summary>
public static partial class SkillTopics
{
    public sealed record Topic(string Key, string Label, IReadOnlyList<string> Keywords);

    public static IReadOnlyList<Topic> All { get; } =
    [
        new("design-reviews", "design reviews", ["design review", "design reviews", "architecture review"]),
        new("presenting", "presenting and public speaking", ["presentation", "presentations", "presenting", "public speaking", "speaking"]),
        new("leadership", "leading people", ["leadership", "people management", "manage people", "managing people", "lead a team", "leading a team"]),
        new("career", "career planning", ["career", "promotion", "next role", "career path"]),
        new("architecture", "technical architecture", ["architecture", "system design", "distributed systems"]),
        new("data", "data and analytics", ["data", "analytics", "sql", "machine learning", "statistics"]),
        new("product", "product management", ["product management", "product role", "product manager", "roadmap"]),
        new("projects", "running projects", ["project management", "lead a project", "run a project", "planning", "delivery"]),
        new("influence", "influencing stakeholders", ["stakeholder", "stakeholders", "influence", "influencing"]),
        new("feedback", "giving and receiving feedback", ["feedback"]),
        new("negotiation", "negotiation", ["negotiation", "negotiate", "negotiating"]),
        new("writing", "writing", ["writing", "documentation", "write"]),
        new("networking", "networking", ["network", "networking", "introductions", "contacts"]),
        new("balance", "work-life balance", ["work-life", "work life", "burnout", "balance"]),
        new("sales", "sales", ["sales", "selling", "customers"]),
        new("coding", "software craft", ["coding", "code review", "programming", "testing", "software"]),
    ];

    private static readonly Dictionary<string, Topic> ByKey = All.ToDictionary(t => t.Key, StringComparer.Ordinal);

    public static bool IsKnown(string key) => ByKey.ContainsKey(key);

    public static string Label(string key) => ByKey.TryGetValue(key, out var topic) ? topic.Label : key;

    /// <summary>The topics a free-text answer mentions (whole words, any case); the text itself is not kept.</summary>
    public static IReadOnlyList<string> In(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var words = " " + NotLetters().Replace(text.ToLowerInvariant(), " ") + " ";
        return All.Where(t => t.Keywords.Any(k => words.Contains(" " + NotLetters().Replace(k, " ") + " ", StringComparison.Ordinal)))
            .Select(t => t.Key)
            .ToList();
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLetters();
}
