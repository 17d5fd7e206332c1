using MentorBot.Cards;

namespace MentorBot.Conversations.Dialogs;

/// <summary>A free-text question, with an optional validator that returns a problem or null.</summary>
public sealed class TextPrompt : Prompt
{
    public const int DefaultMaxLength = 1000;

    private readonly Func<string, string?>? _validate;

    public TextPrompt(string question, Func<string, string?>? validate = null)
        : base(question)
    {
        _validate = validate;
    }

    public string? Placeholder { get; init; }

    public int MaxLength { get; init; } = DefaultMaxLength;

    public override IReadOnlyList<CardElement> Inputs(string? previousAnswer) =>
    [
        new TextInput
        {
            Id = PromptCard.AnswerInputId,
            Label = "Your answer",
            Placeholder = Placeholder,
            IsMultiline = true,
            MaxLength = MaxLength,
            Value = previousAnswer,
            IsRequired = IsOptional ? null : true,
            ErrorMessage = IsOptional ? null : "Please write an answer, or type \"help\".",
        },
    ];

    public override PromptResult Recognize(string? answer)
    {
        var text = answer?.Trim() ?? string.Empty;
        if (text.Length == 0 || (IsOptional && text.Equals("skip", StringComparison.OrdinalIgnoreCase)))
        {
            return IsOptional ? PromptResult.Skip() : PromptResult.Reject("I need an answer to this one.");
        }

        if (text.Length > MaxLength)
        {
            return PromptResult.Reject($"That is longer than {MaxLength} characters; could you shorten it?");
        }

        var problem = _validate?.Invoke(text);
        return problem is null ? PromptResult.Accept(text) : PromptResult.Reject(problem);
    }
}
