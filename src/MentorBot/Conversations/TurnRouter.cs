using MentorBot.Conversations.Access;
using MentorBot.Conversations.Dialogs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// Decides who handles a turn: conversation events, card buttons (dialog cards or a feature's verbs), a message
/// inside a running dialog, a command, or a file a feature takes. Anything else is acknowledged and ignored.
/// Every command, card action and file handler declares its audience; this router has it checked (and the object it is
/// about loaded) by <see cref="ITurnAccess"/> before the handler runs, so no handler can forget the check.
/// </summary>
public sealed class TurnRouter
{
    private readonly IReadOnlyList<IConversationUpdateHandler> _eventHandlers;
    private readonly Dictionary<string, ICardActionHandler> _cardHandlers;
    private readonly CommandRouter _commands;
    private readonly DialogEngine _dialogs;
    private readonly IReadOnlyList<IAttachmentHandler> _attachmentHandlers;
    private readonly ITurnAccess _access;
    private readonly HeavyCommandLimiter _heavy;

    public TurnRouter(
        IEnumerable<IConversationUpdateHandler> eventHandlers,
        IEnumerable<ICardActionHandler> cardHandlers,
        CommandRouter commands,
        DialogEngine dialogs,
        IEnumerable<IAttachmentHandler> attachmentHandlers,
        ITurnAccess access,
        HeavyCommandLimiter heavy)
    {
        _access = access;
        _heavy = heavy;
        _eventHandlers = eventHandlers.ToList();
        _cardHandlers = cardHandlers.SelectMany(h => h.Verbs.Select(v => (Verb: v, Handler: h)))
            .ToDictionary(p => p.Verb, p => p.Handler, StringComparer.Ordinal);
        _commands = commands;
        _dialogs = dialogs;
        _attachmentHandlers = attachmentHandlers.ToList();
    }

    public async Task RouteAsync(Turn turn, CancellationToken cancellationToken)
    {
        switch (turn.Activity.Type)
        {
            case ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate:
                foreach (var handler in _eventHandlers)
                {
                    await handler.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
                }

                break;
            case ActivityTypes.Invoke or ActivityTypes.Message when turn.CardAction is { } action:
                await RouteCardActionAsync(turn, action, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Message:
                await RouteMessageAsync(turn, cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Other invokes are answered by the endpoint as not supported; other types need no answer.
                break;
        }
    }

    private async Task RouteCardActionAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        if (DialogEngine.IsDialogVerb(action.Verb))
        {
            await _dialogs.HandleCardAsync(turn, action, cancellationToken).ConfigureAwait(false);
        }
        else if (_cardHandlers.TryGetValue(action.Verb, out var handler))
        {
            if (await _access.AdmitAsync(turn, handler.Audience, action, cancellationToken).ConfigureAwait(false))
            {
                await handler.HandleAsync(turn, action, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            turn.Answer("Sorry, I don't recognise that button. It may be from an older card; type \"help\" to see what I can do.");
        }
    }

    private async Task RouteMessageAsync(Turn turn, CancellationToken cancellationToken)
    {
        // A few commands (a private rematch request) must never be swallowed as an answer to a running dialog.
        if (_commands.Match(turn.Text) is { Command.Info.InterruptsDialogs: true } urgent && urgent.Command.Info.IsAvailableIn(turn.ConversationType))
        {
            await RunCommandAsync(turn, urgent.Command, urgent.Arguments, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await _dialogs.TryContinueAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (string.IsNullOrEmpty(turn.Text))
        {
            // A file, an image or an empty message with nothing to act on.
            if (turn.Activity.Attachments is not { Count: > 0 })
            {
                return;
            }
        }

        var match = _commands.Match(turn.Text);
        if (match is null)
        {
            // A file (Teams sends files to bots only in personal chat), with no text or text that is not a command.
            if (_attachmentHandlers.FirstOrDefault(h => h.CanHandle(turn)) is { } attachmentHandler)
            {
                if (await _access.AdmitAsync(turn, attachmentHandler.Audience, null, cancellationToken).ConfigureAwait(false))
                {
                    await attachmentHandler.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            turn.Reply("I didn't catch that. Type \"help\" to see what I can do here.");
            return;
        }

        var (command, arguments) = match.Value;
        if (!command.Info.IsAvailableIn(turn.ConversationType))
        {
            turn.Reply($"\"{command.Info.Name}\" can't be used here. Type \"help\" to see what works in this chat.");
            return;
        }

        await RunCommandAsync(turn, command, arguments, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunCommandAsync(Turn turn, ICommand command, string arguments, CancellationToken cancellationToken)
    {
        if (!await _access.AdmitAsync(turn, command.Info.Audience, null, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (command.Info.IsHeavy && !_heavy.TryAcquire(turn, command.Info.Name))
        {
            turn.Reply($"You've asked for \"{command.Info.Name}\" several times in the last few minutes. To keep MentorBot quick for everyone, " +
                $"please wait {HeavyCommandLimiter.Window.TotalMinutes:0} minutes and try again. Nothing was changed.");
            return;
        }

        await command.HandleAsync(turn, arguments, cancellationToken).ConfigureAwait(false);
    }
}
