using MentorBot.Cards;
using MentorBot.Conversations.Dialogs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// A question asked again in a revision: the card starts with the previous answer filled in, and typing "keep"
/// keeps it, so changing one answer does not mean retyping all of them.
/// </summary>
public sealed class PrefilledPrompt : Prompt
{
    public const string KeepWord = "keep";

    private readonly Prompt _inner;
    private readonly string _previous;

    public PrefilledPrompt(Prompt inner, string previous)
        : base(Require(inner).Question)
    {
        _inner = inner;
        _previous = previous;
        IsOptional = inner.IsOptional;
        var shown = inner.Display(previous);
        Help = (inner.Help is null ? string.Empty : inner.Help + " ")
            + $"Your previous answer: \"{(shown.Length > 120 ? shown[..120] + "…" : shown)}\". Type \"{KeepWord}\" to keep it.";
    }

    public override IReadOnlyList<CardElement> Inputs(string? previousAnswer) => _inner.Inputs(previousAnswer ?? _previous);

    public override string? TextHint => _inner.TextHint;

    public override PromptResult Recognize(string? answer) =>
        string.Equals(answer?.Trim(), KeepWord, StringComparison.OrdinalIgnoreCase) ? _inner.Recognize(_previous) : _inner.Recognize(answer);

    public override string Display(string value) => _inner.Display(value);

    private static Prompt Require(Prompt inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return inner;
    }
}
