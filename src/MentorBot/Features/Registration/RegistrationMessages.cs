using System.Globalization;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>What a coordinator is told after one registration, whichever way it came.</summary>
internal static class RegistrationMessages
{
    public static string Describe(RegistrationResult result, MentorshipProgram program) =>
        result.Pair is { } pair && result.Created
            ? $"Registered {pair.Mentor.Name} (mentor) and {pair.Mentee.Name} (mentee) in {program.Name}, " +
              $"{pair.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {pair.PlannedEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. " +
              "I'll start the expectations conversation with both of them."
            : Refused(result.Problem ?? "the registration was refused");

    public static string Refused(string problem) => $"Not registered: {problem}. Nothing was created.";
}
