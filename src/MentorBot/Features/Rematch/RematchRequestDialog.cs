using System.Globalization;
using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// The private rematch request, in the requester's personal chat: which pairing (when there are several), the
/// reason, optional details, the urgency, and the promise that the partner is not told, with a confirmation.
/// Nothing leaves the dialog until the requester confirms.
/// </summary>
public sealed class RematchRequestDialog : Dialog
{
    public const string DialogId = "rematch.request";

    public const string Promise =
        "Your partner will not be told that you asked, who asked, or anything you wrote here. Only your program coordinators see this request.";

    public const string SendValue = "send";

    private readonly RematchSubmission _submission;

    public RematchRequestDialog(RematchSubmission submission)
    {
        _submission = submission;
    }

    public override string Id => DialogId;

    public override string Title(DialogState state) => "A different match (private)";

    public override IReadOnlyList<DialogStep> Steps(DialogState state)
    {
        var steps = new List<DialogStep>();
        var pairs = RematchPairChoice.Deserialize(state.Option(RematchPairChoice.OptionKey));
        if (pairs.Count > 1)
        {
            steps.Add(new("pair", new ChoicePrompt("Which pairing is this about?",
                pairs.Select((p, i) => new Choice(p.Label, i.ToString(CultureInfo.InvariantCulture))).ToList())));
        }

        steps.Add(new("category", new ChoicePrompt("What is the main reason you'd like a different match?", RematchReasons.Categories)
        {
            Help = "Only your program coordinators will see your answers.",
        }));
        steps.Add(new("details", new TextPrompt("Is there anything your coordinator should know? (optional)")
        {
            IsOptional = true,
            MaxLength = 1000,
            Placeholder = "Only coordinators read this",
            Help = "Your partner never sees this. Type \"skip\" to leave it out.",
        }));
        steps.Add(new("urgency", new ChoicePrompt("How soon would you like your coordinator to act?", RematchReasons.Urgencies)));
        steps.Add(new("confirm", new ChoicePrompt($"{Promise} Shall I send it to your coordinator now?",
        [
            new Choice("Yes, send it to my coordinator", SendValue),
            new Choice("No, don't send anything", "discard"),
        ])
        {
            Help = "Nothing is sent to anyone until you say yes.",
        }));
        return steps;
    }

    public override async Task OnCompletedAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        if (state.Value("confirm") != SendValue)
        {
            turn.Reply("Okay, I haven't sent anything, and your answers are not kept. You can ask again at any time with \"rematch\".");
            return;
        }

        var pairs = RematchPairChoice.Deserialize(state.Option(RematchPairChoice.OptionKey));
        var index = pairs.Count > 1 && int.TryParse(state.Value("pair"), NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) ? chosen : 0;
        if (index < 0 || index >= pairs.Count)
        {
            turn.Reply("I couldn't tell which pairing this was about, so nothing was sent. Please type \"rematch\" to start again.");
            return;
        }

        var details = state.Value("details");
        await _submission.SubmitAsync(turn, pairs[index], new RematchAnswers(
            state.Value("category") ?? "other",
            string.IsNullOrWhiteSpace(details) ? null : details.Trim(),
            state.Value("urgency") ?? "can-wait",
            state.InstanceId), cancellationToken).ConfigureAwait(false);
    }

    public override Task OnCancelledAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        turn.Reply("Okay, I've stopped. Nothing was sent to anyone, and your partner knows nothing about it.");
        return Task.CompletedTask;
    }
}
