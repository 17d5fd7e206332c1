using MentorBot.Features.Programs;

namespace MentorBot.Features.Pairs;

/// <summary>One pair to register, as a coordinator named it: people by UPN, email or Entra object id.</summary>
public sealed record RegistrationRequest(
    MentorshipProgram Program,
    string Mentor,
    string Mentee,
    string? Cohort,
    DateOnly? Start,
    DateOnly? PlannedEnd,
    string? Focus,
    string RegisteredBy);

/// <summary>What happened to one registration: created, or refused with the reason a coordinator can act on.</summary>
public sealed record RegistrationResult(Pair? Pair, string? Problem)
{
    public bool Created => Pair is not null && Problem is null;

    public static RegistrationResult Refused(string problem) => new(null, problem);
}
