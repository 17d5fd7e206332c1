using MentorBot.Cards;

namespace MentorBot.Conversations.Dialogs;

/// <summary>One question of a dialog: how it looks as a card, and how typed text or a card answer is read.</summary>
public abstract class Prompt
{
    protected Prompt(string question)
    {
        Question = question;
    }

    public string Question { get; }

    /// <summary>An explanation shown on "help", beyond the question itself.</summary>
    public string? Help { get; init; }

    /// <summary>An optional question can be skipped with "skip" or an empty card field.</summary>
    public bool IsOptional { get; init; }

    /// <summary>The input elements of the card (ids must be <see cref="PromptCard.AnswerInputId"/>).</summary>
    public abstract IReadOnlyList<CardElement> Inputs(string? previousAnswer);

    /// <summary>A line under the question in the text fallback, e.g. the numbered choices.</summary>
    public virtual string? TextHint => null;

    public abstract PromptResult Recognize(string? answer);

    /// <summary>How an accepted value reads back to the person.</summary>
    public virtual string Display(string value) => value;
}

public sealed record PromptResult(bool IsAccepted, string? Value, string? Problem)
{
    public static PromptResult Accept(string value) => new(true, value, null);

    public static PromptResult Skip() => new(true, string.Empty, null);

    public static PromptResult Reject(string problem) => new(false, null, problem);
}
