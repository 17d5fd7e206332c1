using MentorBot.Conversations.Dialogs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// Decides who handles a turn: conversation events, card buttons (dialog cards or a feature's verbs), a message
/// inside a running dialog, or a command. Anything else is acknowledged and ignored.
/// </summary>
public sealed class TurnRouter
{
    private readonly IReadOnlyList<IConversationUpdateHandler> _eventHandlers;
    private readonly Dictionary<string, ICardActionHandler> _cardHandlers;
    private readonly CommandRouter _commands;
    private readonly DialogEngine _dialogs;

    public TurnRouter(
        IEnumerable<IConversationUpdateHandler> eventHandlers,
        IEnumerable<ICardActionHandler> cardHandlers,
        CommandRouter commands,
        DialogEngine dialogs)
    {
        _eventHandlers = eventHandlers.ToList();
        _cardHandlers = cardHandlers.SelectMany(h => h.Verbs.Select(v => (Verb: v, Handler: h)))
            .ToDictionary(p => p.Verb, p => p.Handler, StringComparer.Ordinal);
        _commands = commands;
        _dialogs = dialogs;
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
            await handler.HandleAsync(turn, action, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            turn.Answer("Sorry, I don't recognise that button. It may be from an older card; type \"help\" to see what I can do.");
        }
    }

    private async Task RouteMessageAsync(Turn turn, CancellationToken cancellationToken)
    {
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
            turn.Reply("I didn't catch that. Type \"help\" to see what I can do here.");
            return;
        }

        var (command, arguments) = match.Value;
        if (!command.Info.IsAvailableIn(turn.ConversationType))
        {
            turn.Reply($"\"{command.Info.Name}\" can't be used here. Type \"help\" to see what works in this chat.");
            return;
        }

        await command.HandleAsync(turn, arguments, cancellationToken).ConfigureAwait(false);
    }
}
