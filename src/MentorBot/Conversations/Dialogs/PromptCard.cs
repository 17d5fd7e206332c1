using System.Text.Json.Nodes;
using MentorBot.Cards;

namespace MentorBot.Conversations.Dialogs;

/// <summary>The card of a dialog step, and the read-only card that replaces it once answered.</summary>
public static class PromptCard
{
    public const string AnswerInputId = "answer";
    public const string AnswerVerb = "dialog.answer";
    public const string BackVerb = "dialog.back";
    public const string CancelVerb = "dialog.cancel";

    /// <summary>Data fields that tie a card to one run of a dialog, one step and one person.</summary>
    public const string InstanceField = "dialog";
    public const string StepField = "step";
    public const string ForField = "for";

    public static AdaptiveCard Render(Dialog dialog, DialogState state, DialogStep step, int stepCount, string userId, string? problem)
    {
        var data = new JsonObject
        {
            [InstanceField] = state.InstanceId,
            [StepField] = step.Key,
            [ForField] = userId,
        };

        var body = new List<CardElement>
        {
            TextBlock.Subtle($"{dialog.Title(state)} · question {state.StepIndex + 1} of {stepCount}"),
            new TextBlock(step.Prompt.Question) { Weight = "Bolder", Size = "Medium" },
        };
        if (dialog.PartnerName(state) is { } partner)
        {
            // A person with several partners must see at a glance which relationship a question is about.
            body.Insert(0, new TextBlock($"About your mentoring with {partner}") { Weight = "Bolder" });
        }

        if (step.Prompt.Help is { } help)
        {
            body.Add(TextBlock.Subtle(help));
        }

        if (problem is not null)
        {
            body.Add(new TextBlock(problem) { Color = "Attention" });
        }

        body.AddRange(step.Prompt.Inputs(state.Value(step.Key)));
        body.Add(TextBlock.Subtle("You can also type your answer here. Type \"back\", \"cancel\" or \"help\" at any time."));

        var actions = new List<CardAction> { new ExecuteAction(step.Prompt.IsOptional ? "Next (or skip)" : "Next", AnswerVerb, data) };
        if (state.StepIndex > 0)
        {
            actions.Add(new ExecuteAction("Back", BackVerb, data));
        }

        actions.Add(new ExecuteAction("Cancel", CancelVerb, data));
        return new AdaptiveCard
        {
            Body = body,
            Actions = actions,
            FallbackText = step.Prompt.Question,
        };
    }

    /// <summary>Shows the question and the answer given, with no inputs left to press.</summary>
    public static AdaptiveCard Answered(string question, string answer) => new()
    {
        Body =
        [
            new TextBlock(question) { Weight = "Bolder" },
            new TextBlock(string.IsNullOrEmpty(answer) ? "Skipped." : $"Your answer: {answer}") { IsSubtle = true },
        ],
        FallbackText = question,
    };

    /// <summary>The typed version of a step, for clients or people who prefer text.</summary>
    public static string AsText(DialogStep step) =>
        step.Prompt.TextHint is { } hint ? $"{step.Prompt.Question}\n\n{hint}" : step.Prompt.Question;
}
