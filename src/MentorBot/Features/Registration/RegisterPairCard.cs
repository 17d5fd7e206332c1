using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>The form to register one pair with Teams people pickers, and the card that replaces it once registered.</summary>
public static class RegisterPairCard
{
    public const string RegisterVerb = "pairs.register";

    /// <summary>The Teams people picker over the whole organisation; it submits the chosen user's Entra object id (protocol.md I).</summary>
    private static readonly DataQuery People = new("graph.microsoft.com/users");

    /// <summary>The text input beside a people picker ("mentor" or "mentee") for a typed email or UPN.</summary>
    public static string TypedAddress(string role) => role + "-address";

    public static AdaptiveCard Form(MentorshipProgram program, IReadOnlyList<Cohort> cohorts) => new()
    {
        Body =
        [
            TextBlock.Heading("Register a pair"),
            TextBlock.Subtle($"Program: {program.Name}. Start and end default to the cohort's dates, or today and {program.Settings.DurationWeeks} weeks."),
            // Teams mobile has no people picker: a typed address beside each (the picker wins when both are given), and
            // the typed command as another way. So neither input can be required on its own.
            new ChoiceSetInput([]) { Id = "mentor", Label = "Mentor", Placeholder = "Search for the mentor", ChoicesData = People },
            new TextInput { Id = TypedAddress("mentor"), Placeholder = "or type the mentor's email", MaxLength = PairCsv.MaxNameLength },
            new ChoiceSetInput([]) { Id = "mentee", Label = "Mentee", Placeholder = "Search for the mentee", ChoicesData = People },
            new TextInput { Id = TypedAddress("mentee"), Placeholder = "or type the mentee's email", MaxLength = PairCsv.MaxNameLength },
            TextBlock.Subtle("On a phone, type the two email addresses, or type: register @Mentor @Mentee"),
            // An empty choice set is not a valid card: without cohorts, say how to make one instead.
            cohorts.Count == 0
                ? TextBlock.Subtle("Cohort: none yet (type \"cohort\" to create one).")
                : new ChoiceSetInput(cohorts.OrderBy(c => c.Start).Select(c => new Choice(c.Name, c.CohortId)).ToList())
                {
                    Id = "cohort",
                    Label = "Cohort",
                    Style = "compact",
                    Placeholder = "No cohort",
                },
            new DateInput { Id = "start", Label = "Start (optional)" },
            new DateInput { Id = "end", Label = "Planned end (optional)" },
            new TextInput { Id = "focus", Label = "Focus (optional)", Placeholder = "e.g. moving into people management", MaxLength = PairCsv.MaxFocusLength },
        ],
        Actions = [new ExecuteAction("Register", RegisterVerb, new JsonObject { ["program"] = program.ProgramId })],
        FallbackText = "Register a pair",
    };

    public static AdaptiveCard Registered(Pair pair, MentorshipProgram program, string? cohortName) => new()
    {
        Body =
        [
            TextBlock.Heading("Pair registered"),
            new FactSet(
            [
                new("Mentor", pair.Mentor.Name),
                new("Mentee", pair.Mentee.Name),
                new("Program", program.Name),
                new("Cohort", cohortName ?? "none"),
                new("Dates", $"{pair.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {pair.PlannedEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"),
                new("Focus", pair.Focus ?? "not set"),
            ]),
            TextBlock.Subtle("I'll start the expectations conversation with both of them. Type \"register\" for another pair."),
        ],
        FallbackText = $"Pair registered: {pair.Description}",
    };
}
