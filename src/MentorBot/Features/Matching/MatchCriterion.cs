namespace MentorBot.Features.Matching;

/// <summary>
/// What a suggested match is judged on. The research the product rests on ranks specific, substantive criteria
/// (the mentor offers what the mentee needs, a shared field, a shared background) above broad similarity (similar
/// job titles, the same office): the starting weights follow that order.
/// </summary>
public enum MatchCriterion
{
    OffersWhatMenteeWants,
    SharedField,
    SharedBackground,
    SimilarRole,
    SameOffice,
}

public static class MatchCriteria
{
    public static IReadOnlyList<MatchCriterion> All { get; } = Enum.GetValues<MatchCriterion>();

    /// <summary>The starting weight of each criterion, in the research's order (substantive first).</summary>
    public static double StartingWeight(MatchCriterion criterion) => criterion switch
    {
        MatchCriterion.OffersWhatMenteeWants => 4,
        MatchCriterion.SharedField => 3,
        MatchCriterion.SharedBackground => 2,
        MatchCriterion.SimilarRole => 1,
        _ => 0.5,
    };

    /// <summary>How a coordinator would name it in a report.</summary>
    public static string Name(MatchCriterion criterion) => criterion switch
    {
        MatchCriterion.OffersWhatMenteeWants => "mentor offers what the mentee asked for",
        MatchCriterion.SharedField => "shared field",
        MatchCriterion.SharedBackground => "shared background",
        MatchCriterion.SimilarRole => "similar role",
        _ => "same office",
    };
}
