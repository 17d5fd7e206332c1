using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Expectations;

/// <summary>
/// Puts the expectations questions in front of a party, in their personal chat. A party already part-way through
/// gets their current question again (never a fresh start that would make their card stale); a party busy with
/// another conversation is not interrupted.
/// </summary>
public sealed class ExpectationsStarter
{
    private readonly DialogEngine _engine;
    private readonly DialogStateStore _states;
    private readonly ExpectationsDialog _dialog;
    private readonly HashSet<string> _dialogIds;
    private readonly ExpectationsStore _answers;
    private readonly ProactiveMessenger _messenger;

    public ExpectationsStarter(
        DialogEngine engine,
        DialogStateStore states,
        ExpectationsDialog dialog,
        IEnumerable<Dialog> dialogs,
        ExpectationsStore answers,
        ProactiveMessenger messenger)
    {
        _engine = engine;
        _states = states;
        _dialog = dialog;
        _dialogIds = dialogs.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        _answers = answers;
        _messenger = messenger;
    }

    /// <summary>
    /// Sends the party their current question (starting the questions if needed) under <paramref name="key"/>, with
    /// <paramref name="leadText"/> above it. A party who has answered gets nothing; a busy party gets only the text.
    /// </summary>
    public async Task<StartOutcome> StartAsync(Pair pair, PairRole role, string key, string? leadText, string? fallbackServiceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (await _answers.GetAsync(PairKey.Of(pair), role, cancellationToken).ConfigureAwait(false) is not null)
        {
            return StartOutcome.AlreadyAnswered;
        }

        var person = pair.Party(role);
        var existing = await _states.GetAsync(DialogEngine.PersonalScope, person.Id, cancellationToken).ConfigureAwait(false);
        Activity message;
        var outcome = StartOutcome.Asked;
        if (existing is not null && IsForThisPair(existing.State, pair, role))
        {
            var steps = _dialog.Steps(existing.State);
            var step = steps[Math.Min(existing.State.StepIndex, steps.Count - 1)];
            message = CardJson.ToMessage(PromptCard.Render(_dialog, existing.State, step, steps.Count, person.Id, null));
        }
        else if (existing is not null && _dialogIds.Contains(existing.State.DialogId))
        {
            // Another conversation is running: these questions wait in line and start by themselves when it ends.
            var queued = await _engine.EnqueueInPersonalChatAsync(person.Id, ExpectationsDialog.DialogId,
                ExpectationsDialogOptions.For(pair, role, previous: null).ToDictionary(), cancellationToken).ConfigureAwait(false);
            if (leadText is null || (!queued && !IsWaitingForThisPair(existing.State, pair, role)))
            {
                return StartOutcome.Busy;
            }

            message = Activity.CreateMessage(null);
            leadText += $" They'll follow by themselves as soon as you've finished the questions you're answering now.";
            outcome = StartOutcome.Busy;
        }
        else
        {
            var options = ExpectationsDialogOptions.For(pair, role, previous: null);
            message = await _engine.BeginInPersonalChatAsync(person.Id, ExpectationsDialog.DialogId, options.ToDictionary(), cancellationToken).ConfigureAwait(false);
        }

        if (leadText is not null)
        {
            message.Text = leadText;
        }

        await _messenger.SendToPersonAsync(pair.TenantId, person.Id, key, message, fallbackServiceUrl, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Starts the questions again for a party, with their previous answers (if any) as defaults.</summary>
    public async Task BeginRevisionAsync(Turn turn, Pair pair, PairRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(pair);
        var previous = await _answers.GetAsync(PairKey.Of(pair), role, cancellationToken).ConfigureAwait(false);
        var options = ExpectationsDialogOptions.For(pair, role, previous?.Answers).ToDictionary();
        var intro = previous is null
            ? $"Here are the expectations questions for you and {pair.PartnerOf(role).Name}."
            : "Here are your expectations questions again, with your previous answers filled in: change what you like, or type \"keep\". "
                + "Your current agreement stays until you finish; then you'll both confirm the new version.";
        if (turn.IsPersonal)
        {
            turn.Answer(intro);
            await _engine.BeginAsync(turn, ExpectationsDialog.DialogId, options, cancellationToken).ConfigureAwait(false);
            return;
        }

        var message = await _engine.BeginInPersonalChatAsync(pair.Party(role).Id, ExpectationsDialog.DialogId, options, cancellationToken).ConfigureAwait(false);
        message.Text = intro;
        await _messenger.SendToPersonAsync(pair.TenantId, pair.Party(role).Id, $"expectations/{pair.PairId}/{role.ToString().ToLowerInvariant()}/revise/{turn.Activity.Id}",
            message, turn.Activity.ServiceUrl, cancellationToken).ConfigureAwait(false);
        turn.Answer("I've sent you the questions in our personal chat.");
    }

    private static bool IsWaitingForThisPair(DialogState state, Pair pair, PairRole role) =>
        state.Waiting.Any(w => IsForThisPair(w, pair, role));

    private static bool IsForThisPair(DialogState state, Pair pair, PairRole role) =>
        state.DialogId == ExpectationsDialog.DialogId
        && ExpectationsDialogOptions.From(state) is { } options
        && options.Pair.PairId == pair.PairId
        && options.Role == role;
}

public enum StartOutcome
{
    Asked,
    AlreadyAnswered,
    Busy,
}
