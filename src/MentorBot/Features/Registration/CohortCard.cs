using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>The cohort form, the cohort once saved, and the list of a program's cohorts.</summary>
public static class CohortCard
{
    public const string SaveVerb = "cohort.save";

    public static AdaptiveCard Form(MentorshipProgram program, string? name = null) => new()
    {
        Body =
        [
            TextBlock.Heading("New cohort"),
            TextBlock.Subtle($"Program: {program.Name}. Reports later compare cohorts by these features."),
            new TextInput { Id = "name", Label = "Name", Value = name, MaxLength = CohortForm.MaxNameLength, IsRequired = true, ErrorMessage = "Give the cohort a name." },
            new DateInput { Id = "start", Label = "Start", IsRequired = true, ErrorMessage = "Give the start date." },
            new DateInput { Id = "end", Label = "Planned end", IsRequired = true, ErrorMessage = "Give the planned end date." },
            new ChoiceSetInput([new Choice("Substantive mentor training", CohortForm.Substantive), new Choice("Brief orientation", CohortForm.BriefOrientation)])
            {
                Id = "training",
                Label = "Mentor training",
                Style = "expanded",
                IsRequired = true,
                ErrorMessage = "Choose the mentor training.",
            },
            new TextInput
            {
                Id = "criteria",
                Label = "Matching criteria",
                Placeholder = "e.g. skills and goals; mentee's choice from three mentors",
                IsMultiline = true,
                MaxLength = CohortForm.MaxCriteriaLength,
            },
            new ToggleInput("Pairs must set explicit goals") { Id = "goals", Value = "false" },
        ],
        Actions = [new ExecuteAction("Save cohort", SaveVerb, new JsonObject { ["program"] = program.ProgramId })],
        FallbackText = "New cohort",
    };

    public static AdaptiveCard Saved(Cohort cohort, MentorshipProgram program) => new()
    {
        Body =
        [
            TextBlock.Heading($"Cohort saved: {cohort.Name}"),
            new FactSet(Facts(cohort)),
            TextBlock.Subtle($"Register its pairs with \"register\" here, or a CSV with a cohort column sent to me in a personal chat. Program: {program.Name}."),
        ],
        FallbackText = $"Cohort saved: {cohort.Name}",
    };

    public static AdaptiveCard List(MentorshipProgram program, IReadOnlyList<Cohort> cohorts) => new()
    {
        Body =
        [
            TextBlock.Heading($"Cohorts: {program.Name}"),
            .. cohorts.OrderBy(c => c.Start).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).SelectMany(c => new CardElement[]
            {
                new TextBlock(c.Name) { Weight = "Bolder", Separator = true },
                new FactSet(Facts(c)),
            }),
        ],
        FallbackText = $"{cohorts.Count} cohorts",
    };

    private static List<Fact> Facts(Cohort cohort) =>
    [
        new("Dates", $"{Date(cohort.Start)} to {Date(cohort.PlannedEnd)}"),
        new("Mentor training", cohort.Training == MentorTraining.Substantive ? "Substantive training" : "Brief orientation"),
        new("Matching criteria", cohort.MatchingCriteria ?? "not recorded"),
        new("Explicit goals", cohort.ExplicitGoalsRequired ? "required" : "not required"),
    ];

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";
}
