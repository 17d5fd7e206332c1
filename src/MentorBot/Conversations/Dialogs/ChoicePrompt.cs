using MentorBot.Cards;

namespace MentorBot.Conversations.Dialogs;

/// <summary>
/// A question with fixed answers. Typed answers match a choice's number, value or title; with
/// <see cref="AllowMultiple"/>, several separated by commas. Stored as the values, comma-separated.
/// </summary>
public sealed class ChoicePrompt : Prompt
{
    public ChoicePrompt(string question, IReadOnlyList<Choice> choices)
        : base(question)
    {
        Choices = choices;
    }

    public IReadOnlyList<Choice> Choices { get; }

    public bool AllowMultiple { get; init; }

    public override IReadOnlyList<CardElement> Inputs(string? previousAnswer) =>
    [
        new ChoiceSetInput(Choices)
        {
            Id = PromptCard.AnswerInputId,
            Label = AllowMultiple ? "Choose all that apply" : "Choose one",
            Style = "expanded",
            IsMultiSelect = AllowMultiple ? true : null,
            Value = previousAnswer,
            IsRequired = IsOptional ? null : true,
            ErrorMessage = IsOptional ? null : "Please choose an answer.",
        },
    ];

    public override string TextHint =>
        string.Join("  ", Choices.Select((c, i) => $"{i + 1}. {c.Title}"))
        + (AllowMultiple ? "  (several allowed, separated by commas)" : string.Empty);

    public override PromptResult Recognize(string? answer)
    {
        var parts = (answer ?? string.Empty)
            .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return IsOptional ? PromptResult.Skip() : PromptResult.Reject("Please choose one of the answers.");
        }

        if (parts.Length > 1 && !AllowMultiple)
        {
            // "Weekly, I think" should still work: try the whole text as one answer first.
            var whole = Find(answer!.Trim());
            return whole is null ? PromptResult.Reject("Please choose just one of the answers.") : PromptResult.Accept(whole.Value);
        }

        var values = new List<string>();
        foreach (var part in parts)
        {
            var choice = Find(part);
            if (choice is null)
            {
                return PromptResult.Reject($"\"{part}\" is not one of the answers. {TextHint}");
            }

            if (!values.Contains(choice.Value))
            {
                values.Add(choice.Value);
            }
        }

        return PromptResult.Accept(string.Join(',', values));
    }

    public override string Display(string value) =>
        string.Join(", ", value.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => Choices.FirstOrDefault(c => c.Value == v)?.Title ?? v));

    private Choice? Find(string text)
    {
        if (int.TryParse(text, out var number) && number >= 1 && number <= Choices.Count)
        {
            return Choices[number - 1];
        }

        return Choices.FirstOrDefault(c => c.Value.Equals(text, StringComparison.OrdinalIgnoreCase)
            || c.Title.Equals(text, StringComparison.OrdinalIgnoreCase));
    }
}
