using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;

namespace MentorBot.Cards.Tests;

/// <summary>A dialog with one step of each prompt kind, so PromptCard can be rendered for every kind of question.</summary>
internal sealed class SampleDialog : Dialog
{
    public override string Id => "sample.expectations";

    public override string Title(DialogState state) => $"Expectations with {SampleData.UnicodeName}";

    // Every prompt sample carries the "About your mentoring with …" line, as expectations prompts do.
    public override string? PartnerName(DialogState state) => SampleData.UnicodeName;

    public override IReadOnlyList<DialogStep> Steps(DialogState state) =>
    [
        new("goals", new TextPrompt("What do you most want to get out of this mentorship in the next six months?")
        {
            Help = "A sentence or two is enough. Your mentor sees this answer; coordinators do not.",
            Placeholder = "e.g. Lead a design review on my own; understand how our platform team prioritises work",
        }),
        new("cadence", new ChoicePrompt("How often would you like to meet?",
        [
            new("Every week", "weekly"),
            new("Every two weeks", "fortnightly"),
            new("Once a month", "monthly"),
            new("Whenever one of us asks — 随时", "adhoc"),
        ])),
        new("topics", new ChoicePrompt("Which topics should we cover?",
            Enumerable.Range(1, 12).Select(i => new Choice($"Topic {i}: career conversations, technical depth & visibility ({i})", $"topic-{i}")).ToList())
        {
            AllowMultiple = true,
        }),
        new("private", new TextPrompt("Anything your mentor should know that you'd rather say privately?") { IsOptional = true, MaxLength = 2000 }),
    ];

    public override Task OnCompletedAsync(Turn turn, DialogState state, CancellationToken cancellationToken) => Task.CompletedTask;

    public static DialogState StateAt(int stepIndex, params (string Key, string Value)[] answers)
    {
        var state = new DialogState
        {
            InstanceId = "d-7f3c2a9e4b1d4c0f",
            DialogId = "sample.expectations",
            StepIndex = stepIndex,
            StartedAt = SampleData.Now,
            UpdatedAt = SampleData.Now,
        };
        foreach (var (key, value) in answers)
        {
            state.Values[key] = value;
        }

        return state;
    }
}
