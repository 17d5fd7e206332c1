using System.Globalization;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>The inputs of the cohort card, checked: a cohort to store, or what the coordinator must fix.</summary>
public static class CohortForm
{
    public const int MaxNameLength = 100;
    public const int MaxCriteriaLength = 500;

    public const string Substantive = "substantive";
    public const string BriefOrientation = "brief";

    public static (Cohort? Cohort, string? Problem) Validate(
        MentorshipProgram program, string? name, string? start, string? plannedEnd, string? training, string? matchingCriteria, string? explicitGoals)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, "Give the cohort a name.");
        }

        if (name.Length > MaxNameLength)
        {
            return (null, $"The cohort name is longer than {MaxNameLength} characters; please shorten it.");
        }

        if (!TryDate(start, out var from))
        {
            return (null, "Give the cohort's start date (yyyy-mm-dd).");
        }

        if (!TryDate(plannedEnd, out var to))
        {
            return (null, "Give the cohort's planned end date (yyyy-mm-dd).");
        }

        if (to <= from)
        {
            return (null, $"The planned end ({to:yyyy-MM-dd}) must be after the start ({from:yyyy-MM-dd}).");
        }

        MentorTraining? kind = training?.Trim().ToLowerInvariant() switch
        {
            Substantive => MentorTraining.Substantive,
            BriefOrientation => MentorTraining.BriefOrientation,
            _ => null,
        };
        if (kind is null)
        {
            return (null, "Choose the mentor training: substantive training or a brief orientation.");
        }

        var criteria = matchingCriteria?.Trim();
        if (criteria?.Length > MaxCriteriaLength)
        {
            return (null, $"The matching criteria are longer than {MaxCriteriaLength} characters; please shorten them.");
        }

        return (new Cohort
        {
            TenantId = program.TenantId,
            ProgramId = program.ProgramId,
            CohortId = CohortIds.For(name),
            Name = name,
            Start = from,
            PlannedEnd = to,
            Training = kind.Value,
            MatchingCriteria = string.IsNullOrEmpty(criteria) ? null : criteria,
            ExplicitGoalsRequired = string.Equals(explicitGoals?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
        }, null);
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
