namespace MentorBot.Features.Matching;

/// <summary>How well a mentor fits a mentee: the criteria they meet, the total of their weights, and why in plain words.</summary>
public sealed record MatchFit(double Score, IReadOnlyList<MatchCriterion> Criteria, IReadOnlyList<string> Reasons)
{
    // Words that say how senior someone is, not what they do: "Senior Engineer" and "Engineer" are similar roles.
    private static readonly HashSet<string> SeniorityWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "senior", "junior", "principal", "lead", "staff", "head", "of", "and", "associate", "assistant", "chief", "i", "ii", "iii", "the", "&",
    };

    /// <summary>
    /// The fit of <paramref name="mentor"/> for <paramref name="mentee"/>. Reasons are built only from directory fields
    /// and the fixed labels of topics and backgrounds, so they never quote what either person wrote.
    /// </summary>
    public static MatchFit Of(MatchProfile mentor, MatchProfile mentee, MatchWeights weights)
    {
        ArgumentNullException.ThrowIfNull(mentor);
        ArgumentNullException.ThrowIfNull(mentee);
        ArgumentNullException.ThrowIfNull(weights);
        var criteria = new List<MatchCriterion>();
        var reasons = new List<string>();

        var offered = mentee.Wants.Intersect(mentor.Offers, StringComparer.Ordinal).ToList();
        if (offered.Count > 0)
        {
            criteria.Add(MatchCriterion.OffersWhatMenteeWants);
            reasons.Add($"offers {JoinLabels(offered.Select(SkillTopics.Label))}, which {mentee.FirstName} asked for");
        }

        if (Same(mentor.Department, mentee.Department))
        {
            criteria.Add(MatchCriterion.SharedField);
            reasons.Add($"both in {mentor.Department!.Trim()}");
        }

        var background = mentee.Background.Intersect(mentor.Background, StringComparer.Ordinal).ToList();
        if (background.Count > 0)
        {
            criteria.Add(MatchCriterion.SharedBackground);
            reasons.Add($"both {JoinLabels(background.Select(Backgrounds.Label))}");
        }

        if (SimilarRoles(mentor.JobTitle, mentee.JobTitle))
        {
            criteria.Add(MatchCriterion.SimilarRole);
            reasons.Add($"similar roles ({mentor.JobTitle!.Trim()}; {mentee.JobTitle!.Trim()})");
        }

        if (Same(mentor.OfficeLocation, mentee.OfficeLocation))
        {
            criteria.Add(MatchCriterion.SameOffice);
            reasons.Add($"same office ({mentor.OfficeLocation!.Trim()})");
        }

        return new MatchFit(criteria.Sum(weights.Of), criteria, reasons);
    }

    /// <summary>The reasons as one phrase for a card: "both in Platform; offers design reviews, which Mia asked for".</summary>
    public string Explanation => Reasons.Count == 0 ? "nothing in common on record yet; has room for another mentee" : string.Join("; ", Reasons);

    private static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool SimilarRoles(string? a, string? b)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b))
        {
            return false;
        }

        static IEnumerable<string> Words(string title) =>
            title.Split([' ', ',', '-', '/'], StringSplitOptions.RemoveEmptyEntries).Where(w => !SeniorityWords.Contains(w));
        return Words(a).Intersect(Words(b), StringComparer.OrdinalIgnoreCase).Any();
    }

    private static string JoinLabels(IEnumerable<string> labels)
    {
        var list = labels.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + " and " + list[^1];
    }
}
