using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// The expectations conversation with one party, in their personal chat. The questions depend on the role; in a
/// revision each starts from the previous answer. Nothing is stored until the last answer.
/// </summary>
public sealed class ExpectationsDialog : Dialog
{
    public const string DialogId = "expectations";

    private readonly ExpectationsAnswered _answered;
    private readonly Pairs.PairStore _pairs;

    public ExpectationsDialog(ExpectationsAnswered answered, Pairs.PairStore pairs)
    {
        _answered = answered;
        _pairs = pairs;
    }

    public override string Id => DialogId;

    public override string Title(DialogState state) =>
        ExpectationsDialogOptions.From(state) is { } options ? $"Expectations with {options.PartnerName}" : "Expectations";

    public override string? PartnerName(DialogState state) => ExpectationsDialogOptions.From(state)?.PartnerName;

    public override IReadOnlyList<DialogStep> Steps(DialogState state)
    {
        var options = ExpectationsDialogOptions.From(state) ?? throw new InvalidOperationException("An expectations dialog was started without its pair.");
        return ExpectationsQuestions.For(options.Role, options.PartnerName)
            .Select(step => options.Previous.TryGetValue(step.Key, out var previous) && previous.Length > 0
                ? step with { Prompt = new PrefilledPrompt(step.Prompt, previous) }
                : step)
            .ToList();
    }

    public override Task OnCompletedAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var options = ExpectationsDialogOptions.From(state) ?? throw new InvalidOperationException("An expectations dialog was started without its pair.");
        return _answered.HandleAsync(turn, options, state.Values, cancellationToken);
    }

    public override Task OnCancelledAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        var revision = ExpectationsDialogOptions.From(state)?.IsRevision == true;
        turn.Reply(revision
            ? "Okay, I've stopped. Your answers and your agreement stay as they were. Type \"revise\" whenever you want to try again."
            : "Okay, I've stopped. Nothing was saved or shared. Type \"expectations\" whenever you're ready to answer these questions.");
        return Task.CompletedTask;
    }

    public override async Task<string?> CheckStillOpenAsync(DialogState state, CancellationToken cancellationToken)
    {
        if (ExpectationsDialogOptions.From(state) is not { } options)
        {
            return null;
        }

        var pair = await _pairs.GetAsync(options.Pair.TenantId, options.Pair.ProgramId, options.Pair.PairId, cancellationToken).ConfigureAwait(false);
        return pair is null || pair.Value.Pair.IsClosed
            ? "This mentoring pair has ended, so these questions are closed. Nothing more was recorded."
            : null;
    }

    public override string HelpText(DialogState state) =>
        $"These questions set expectations with {ExpectationsDialogOptions.From(state)?.PartnerName ?? "your partner"}. When you've both answered, "
        + "you'll see your answers side by side in your agreement, with the differences worth talking about. Nothing is saved until the last question. "
        + "Type \"back\" to change your previous answer, or \"cancel\" to stop.";
}
