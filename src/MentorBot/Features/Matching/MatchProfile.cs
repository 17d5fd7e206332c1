namespace MentorBot.Features.Matching;

/// <summary>
/// What matching knows about one person: their field and role from the directory, the topics they asked for (as a
/// mentee) or offer (as a mentor), and the backgrounds they chose to name. Topics and backgrounds are keys of
/// <see cref="SkillTopics"/> and <see cref="Backgrounds"/>, never their own words.
/// </summary>
public sealed record MatchProfile(string PersonId, string Name)
{
    public string? Department { get; init; }
    public string? JobTitle { get; init; }
    public string? OfficeLocation { get; init; }
    public IReadOnlyList<string> Wants { get; init; } = [];
    public IReadOnlyList<string> Offers { get; init; } = [];
    public IReadOnlyList<string> Background { get; init; } = [];

    public string FirstName => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : Name;
}
