using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations.Dialogs;

/// <summary>
/// Runs dialogs: starts them, reads answers from text or cards, re-asks on invalid input, and handles
/// "back", "cancel" and "help" at any step. State is saved with its ETag before anything is sent.
/// </summary>
public sealed class DialogEngine
{
    private static readonly string[] CancelWords = ["cancel", "stop", "quit"];
    private static readonly string[] BackWords = ["back", "previous"];
    private static readonly string[] HelpWords = ["help", "?"];

    private readonly DialogStateStore _store;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Dialog> _dialogs;

    public DialogEngine(DialogStateStore store, IEnumerable<Dialog> dialogs, TimeProvider time)
    {
        _store = store;
        _time = time;
        _dialogs = dialogs.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// Personal-chat dialogs are kept per person rather than per conversation id, so one can be started before
    /// the chat exists (proactively, for someone the bot has not talked to yet).
    /// </summary>
    public const string PersonalScope = "personal";

    public static bool IsDialogVerb(string verb) => verb.StartsWith("dialog.", StringComparison.Ordinal);

    private static string ScopeOf(Turn turn) => turn.IsPersonal ? PersonalScope : turn.ConversationId;

    /// <summary>Starts a dialog for the sender of the turn, replacing any dialog they had open in this conversation.</summary>
    public async Task BeginAsync(Turn turn, string dialogId, IReadOnlyDictionary<string, string>? options, CancellationToken cancellationToken)
    {
        var userId = RequireUser(turn);
        var existing = await _store.GetAsync(ScopeOf(turn), userId, cancellationToken).ConfigureAwait(false);
        var state = NewState(dialogId, options);
        SuspendBehind(state, existing);
        var etag = await _store.SaveAsync(ScopeOf(turn), userId, state, existing?.ETag, cancellationToken).ConfigureAwait(false);
        await AdvanceAsync(turn, new StoredDialog(state, etag), userId, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a dialog in a person's personal chat while they are not talking to the bot (proactive). Returns the
    /// first question to send; the state is saved first, so an answer can never arrive before its dialog exists.
    /// </summary>
    public async Task<Activity> BeginInPersonalChatAsync(
        string userId, string dialogId, IReadOnlyDictionary<string, string>? options, CancellationToken cancellationToken)
    {
        var existing = await _store.GetAsync(PersonalScope, userId, cancellationToken).ConfigureAwait(false);
        var state = NewState(dialogId, options);
        SuspendBehind(state, existing);
        await _store.SaveAsync(PersonalScope, userId, state, existing?.ETag, cancellationToken).ConfigureAwait(false);
        var dialog = Find(dialogId);
        var steps = dialog.Steps(state);
        return Cards.CardJson.ToMessage(PromptCard.Render(dialog, state, steps[0], steps.Count, userId, null));
    }

    /// <summary>
    /// Queues a dialog in a person's personal chat behind the one they are answering; it starts by itself when that
    /// one ends. False when the same dialog with the same options is already running or waiting (a duplicate delivery).
    /// </summary>
    public async Task<bool> EnqueueInPersonalChatAsync(
        string userId, string dialogId, IReadOnlyDictionary<string, string> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var existing = await _store.GetAsync(PersonalScope, userId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Nothing is running to queue behind; start the dialog instead.");
        var line = existing.State.Waiting.Prepend(existing.State);
        if (line.Any(s => s.DialogId == dialogId && SameOptions(s.Options, options)))
        {
            return false;
        }

        existing.State.Waiting.Add(NewState(dialogId, options));
        await _store.SaveAsync(PersonalScope, userId, existing.State, existing.ETag, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Handles a typed message if the sender is in a dialog here; false when they are not.</summary>
    public async Task<bool> TryContinueAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.UserId is not { } userId)
        {
            return false;
        }

        var stored = await _store.GetAsync(ScopeOf(turn), userId, cancellationToken).ConfigureAwait(false);
        if (stored is null || !_dialogs.ContainsKey(stored.State.DialogId))
        {
            return false;
        }

        if (await EndIfClosedAsync(turn, stored, userId, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        var word = turn.Text.ToLowerInvariant();
        if (CancelWords.Contains(word))
        {
            await CancelAsync(turn, stored, userId, cancellationToken).ConfigureAwait(false);
        }
        else if (BackWords.Contains(word))
        {
            await BackAsync(turn, stored, userId, cancellationToken).ConfigureAwait(false);
        }
        else if (HelpWords.Contains(word))
        {
            var dialog = Find(stored.State.DialogId);
            turn.Reply(dialog.HelpText(stored.State));
            Ask(turn, dialog, stored.State, userId, null);
        }
        else
        {
            await AnswerAsync(turn, stored, userId, turn.Text, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Handles a press on a dialog card: checks that it is this person's card and the current question.</summary>
    public async Task HandleCardAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        var userId = turn.UserId;
        var intendedFor = action.Get(PromptCard.ForField);
        if (userId is null || (intendedFor is not null && !string.Equals(intendedFor, userId, StringComparison.OrdinalIgnoreCase)))
        {
            turn.Answer("This card was sent to someone else, so only they can answer it. Nothing was changed.");
            return;
        }

        var stored = await _store.GetAsync(ScopeOf(turn), userId, cancellationToken).ConfigureAwait(false);
        var instance = action.Get(PromptCard.InstanceField);
        if (stored is not null && stored.State.Waiting.Any(w => w.InstanceId == instance))
        {
            turn.Answer("These questions are paused while you answer the ones I sent last. They'll come back by themselves, "
                + "with a fresh card, when you've finished those. Nothing was changed.");
            return;
        }

        if (stored is null || stored.State.InstanceId != instance || !_dialogs.ContainsKey(stored.State.DialogId))
        {
            turn.Answer("This card has already been answered or is no longer current. Nothing was changed.");
            return;
        }

        if (await EndIfClosedAsync(turn, stored, userId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var dialog = Find(stored.State.DialogId);
        var steps = dialog.Steps(stored.State);
        var current = steps[Math.Min(stored.State.StepIndex, steps.Count - 1)];
        if (action.Get(PromptCard.StepField) != current.Key)
        {
            turn.Answer("That question has already been answered. The current one is further down. Nothing was changed.");
            return;
        }

        switch (action.Verb)
        {
            case PromptCard.CancelVerb:
                await CancelAsync(turn, stored, userId, cancellationToken).ConfigureAwait(false);
                break;
            case PromptCard.BackVerb:
                await BackAsync(turn, stored, userId, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await AnswerAsync(turn, stored, userId, action.Get(PromptCard.AnswerInputId), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task AnswerAsync(Turn turn, StoredDialog stored, string userId, string? answer, CancellationToken cancellationToken)
    {
        var state = stored.State;
        var dialog = Find(state.DialogId);
        var step = dialog.Steps(state)[state.StepIndex];
        var result = step.Prompt.Recognize(answer);
        if (!result.IsAccepted)
        {
            state.Retries++;
            state.UpdatedAt = _time.GetUtcNow();
            await _store.SaveAsync(ScopeOf(turn), userId, state, stored.ETag, cancellationToken).ConfigureAwait(false);
            if (turn.CardAction is not null)
            {
                // Show the problem on the card that was pressed, rather than posting the question again.
                var steps = dialog.Steps(state);
                turn.ReplaceCard(PromptCard.Render(dialog, state, step, steps.Count, userId, result.Problem));
            }
            else
            {
                Ask(turn, dialog, state, userId, result.Problem);
            }

            return;
        }

        turn.ReplaceCard(PromptCard.Answered(step.Prompt.Question, step.Prompt.Display(result.Value!)));
        state.Values[step.Key] = result.Value!;
        state.StepIndex++;
        state.Retries = 0;
        await AdvanceAsync(turn, stored, userId, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the current question, or completes the dialog when none is left.</summary>
    private async Task AdvanceAsync(Turn turn, StoredDialog stored, string userId, string? problem, CancellationToken cancellationToken)
    {
        var state = stored.State;
        var dialog = Find(state.DialogId);
        var steps = dialog.Steps(state);
        state.UpdatedAt = _time.GetUtcNow();
        if (state.StepIndex >= steps.Count)
        {
            await dialog.OnCompletedAsync(turn, state, cancellationToken).ConfigureAwait(false);
            await FinishAsync(turn, stored, userId, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _store.SaveAsync(ScopeOf(turn), userId, state, stored.ETag, cancellationToken).ConfigureAwait(false);
        Ask(turn, dialog, state, userId, problem);
    }

    private async Task BackAsync(Turn turn, StoredDialog stored, string userId, CancellationToken cancellationToken)
    {
        var state = stored.State;
        if (state.StepIndex == 0)
        {
            turn.Answer("This is the first question, so there is nothing to go back to.");
            Ask(turn, Find(state.DialogId), state, userId, null);
            return;
        }

        state.StepIndex--;
        state.Retries = 0;
        turn.ReplaceCard(PromptCard.Answered("Going back to the previous question.", "…"));
        await AdvanceAsync(turn, stored, userId, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task CancelAsync(Turn turn, StoredDialog stored, string userId, CancellationToken cancellationToken)
    {
        turn.ReplaceCard(PromptCard.Answered("Stopped.", "You cancelled these questions."));
        await Find(stored.State.DialogId).OnCancelledAsync(turn, stored.State, cancellationToken).ConfigureAwait(false);
        await FinishAsync(turn, stored, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the dialog when it may no longer go on; true when it did (and the person was told).</summary>
    private async Task<bool> EndIfClosedAsync(Turn turn, StoredDialog stored, string userId, CancellationToken cancellationToken)
    {
        var reason = await Find(stored.State.DialogId).CheckStillOpenAsync(stored.State, cancellationToken).ConfigureAwait(false);
        if (reason is null)
        {
            return false;
        }

        turn.Answer(reason);
        await FinishAsync(turn, stored, userId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Ends the current dialog and starts the next waiting one that may still go on (a suspended one resumes at its
    /// question, with its old cards still valid); waiting dialogs of a closed pair are dropped.
    /// </summary>
    private async Task FinishAsync(Turn turn, StoredDialog stored, string userId, CancellationToken cancellationToken)
    {
        var waiting = new Queue<DialogState>(stored.State.Waiting.Where(w => _dialogs.ContainsKey(w.DialogId)));
        while (waiting.TryDequeue(out var next))
        {
            var dialog = Find(next.DialogId);
            if (await dialog.CheckStillOpenAsync(next, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            next.Waiting = [.. waiting];
            next.UpdatedAt = _time.GetUtcNow();
            await _store.SaveAsync(ScopeOf(turn), userId, next, stored.ETag, cancellationToken).ConfigureAwait(false);
            var steps = dialog.Steps(next);
            var partner = dialog.PartnerName(next) is { } name ? $" with {name}" : string.Empty;
            turn.Reply(next.StepIndex > 0
                ? $"Back to your questions{partner}: question {next.StepIndex + 1} of {steps.Count}"
                : $"Next, your questions{partner}: {steps.Count} of them.");
            Ask(turn, dialog, next, userId, null);
            return;
        }

        await _store.DeleteAsync(ScopeOf(turn), userId, stored.ETag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A different dialog the person was in is kept, with its place, to resume when the new one ends.</summary>
    private static void SuspendBehind(DialogState state, StoredDialog? existing)
    {
        if (existing is null)
        {
            return;
        }

        // The same dialog about the same pair starts over (a revision of the questions one is answering); the same
        // dialog about another pair (a second mentee's questions) is another conversation and waits its turn. Either
        // way, what waited behind the old one keeps waiting.
        // What starts now no longer waits.
        bool IsThisOne(DialogState other) => other.DialogId == state.DialogId && other.Option("pair") == state.Option("pair");
        if (IsThisOne(existing.State))
        {
            state.Waiting = existing.State.Waiting.Where(w => !IsThisOne(w)).ToList();
            return;
        }

        var interrupted = existing.State;
        state.Waiting = [interrupted, .. interrupted.Waiting.Where(w => !IsThisOne(w))];
        interrupted.Waiting = [];
    }

    private static bool SameOptions(Dictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var value) && value == kv.Value);

    private static void Ask(Turn turn, Dialog dialog, DialogState state, string userId, string? problem)
    {
        var steps = dialog.Steps(state);
        turn.Reply(PromptCard.Render(dialog, state, steps[state.StepIndex], steps.Count, userId, problem));
    }

    private DialogState NewState(string dialogId, IReadOnlyDictionary<string, string>? options)
    {
        Find(dialogId);
        var now = _time.GetUtcNow();
        return new DialogState
        {
            InstanceId = Guid.NewGuid().ToString("N"),
            DialogId = dialogId,
            Options = options is null ? new(StringComparer.Ordinal) : new Dictionary<string, string>(options, StringComparer.Ordinal),
            StartedAt = now,
            UpdatedAt = now,
        };
    }

    private Dialog Find(string dialogId) =>
        _dialogs.TryGetValue(dialogId, out var dialog) ? dialog : throw new InvalidOperationException($"No dialog '{dialogId}' is registered.");

    private static string RequireUser(Turn turn) =>
        turn.UserId ?? throw new InvalidOperationException("A dialog needs a sender with an Entra object id.");
}
