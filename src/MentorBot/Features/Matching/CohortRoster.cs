using MentorBot.Features.Pairs;

namespace MentorBot.Features.Matching;

/// <summary>Someone a coordinator put in a cohort as mentor or mentee, before (or after) they are paired.</summary>
public sealed record RosterEntry(string PersonId, string Name, PairRole Role, DateTimeOffset EnrolledAt);

/// <summary>A cohort's people and whether its profile questions are asked.</summary>
public sealed record CohortRoster(string CohortId, IReadOnlyList<RosterEntry> People, bool AsksProfileQuestions)
{
    public IEnumerable<RosterEntry> Mentors => People.Where(p => p.Role == PairRole.Mentor);

    public IEnumerable<RosterEntry> Mentees => People.Where(p => p.Role == PairRole.Mentee);
}
