namespace MentorBot.Conversations.Dialogs;

/// <summary>
/// A multi-step conversation: a list of questions (which may depend on how it was started), and what to do with
/// the answers. The engine keeps the place, validates, re-asks, and handles "back", "cancel" and "help".
/// </summary>
public abstract class Dialog
{
    public abstract string Id { get; }

    /// <summary>A short name shown on each question card, e.g. "Expectations".</summary>
    public virtual string Title(DialogState state) => Id;

    /// <summary>The partner the questions are about, when there is one; shown on every card and on "Back to your questions".</summary>
    public virtual string? PartnerName(DialogState state) => null;

    public abstract IReadOnlyList<DialogStep> Steps(DialogState state);

    /// <summary>Called once all steps are answered. Must be safe to run again if the turn is retried.</summary>
    public abstract Task OnCompletedAsync(Turn turn, DialogState state, CancellationToken cancellationToken);

    public virtual Task OnCancelledAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        turn.Reply("Okay, I've stopped here. Nothing you answered so far was shared with anyone.");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Checked before any answer, "back" or card press changes the dialog: a non-null result is a reason the dialog
    /// can no longer go on (e.g. the pair has closed). The person is told, the dialog ends and nothing is recorded.
    /// </summary>
    public virtual Task<string?> CheckStillOpenAsync(DialogState state, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Text shown on "help" while this dialog is running.</summary>
    public virtual string HelpText(DialogState state) =>
        "Answer the question above by typing or with the card. Type \"back\" to change your previous answer, or \"cancel\" to stop.";
}

public sealed record DialogStep(string Key, Prompt Prompt);
