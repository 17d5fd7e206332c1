using MentorBot.Cards;

namespace MentorBot.Features.Programs;

/// <summary>A program at a glance: its name, where alerts go, and its settings.</summary>
public static class ProgramCard
{
    public static AdaptiveCard Create(MentorshipProgram program, string headline) => new()
    {
        Body =
        [
            TextBlock.Heading(headline),
            new TextBlock($"Program: {program.Name}") { Weight = "Bolder" },
            new TextBlock($"This channel receives the program's escalation alerts{(program.Channel.Name is { } name ? $" (#{name})" : string.Empty)}. " +
                "Everyone in it sees the alerts; what a mentor or mentee wrote privately is shown only to the program's coordinators."),
            new TextBlock($"Coordinators: {(program.Coordinators.Count == 0 ? "nobody yet" : string.Join(", ", program.Coordinators.Select(c => c.Name ?? "(unnamed)")))}. " +
                "Add one by mentioning me with \"coordinators add @person\"."),
            new FactSet(program.Settings.Describe().Select(s => new Fact(s.Name, s.Value)).ToList()),
            TextBlock.Subtle("Change a setting with \"settings <name> <value>\", e.g. \"settings MentorCapacity 4\"."),
        ],
        FallbackText = headline,
    };
}
