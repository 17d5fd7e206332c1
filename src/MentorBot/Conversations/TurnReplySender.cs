using MentorBot.Cards;
using MentorBot.Hosting;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace MentorBot.Conversations;

/// <summary>Sends a turn's replies and card updates to the conversation the activity came from.</summary>
public sealed partial class TurnReplySender
{
    private readonly ConnectorClient _connector;
    private readonly ILogger<TurnReplySender> _logger;

    public TurnReplySender(ConnectorClient connector, ILogger<TurnReplySender> logger)
    {
        _connector = connector;
        _logger = logger;
    }

    public async Task SendAsync(Turn turn, CancellationToken cancellationToken)
    {
        var incoming = turn.Activity;
        if (string.IsNullOrEmpty(incoming.ServiceUrl) || string.IsNullOrEmpty(incoming.Conversation?.Id))
        {
            return;
        }

        foreach (var (activityId, card) in turn.CardUpdates)
        {
            try
            {
                await _connector.UpdateAsync(incoming.ServiceUrl, incoming.Conversation.Id, activityId, Address(CardJson.ToMessage(card), incoming), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The answer is already saved; a card that keeps its old look is a cosmetic loss.
                LogUpdateFailed(ex, (ex as ConnectorException)?.StatusCode.ToString() ?? ex.GetType().Name);
            }
        }

        foreach (var reply in turn.Replies)
        {
            try
            {
                await _connector.SendAsync(incoming.ServiceUrl, incoming.Conversation.Id, Address(reply, incoming), cancellationToken).ConfigureAwait(false);
                if (MentorBotTelemetry.CardKindOf(reply) is { } kind)
                {
                    MentorBotTelemetry.CardSent(kind);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The turn is already recorded as handled, so failing the request now would not bring the reply back.
                var connector = ex as ConnectorException;
                LogSendFailed(ex, connector?.StatusCode.ToString() ?? ex.GetType().Name, connector?.ErrorCode);
                MentorBotTelemetry.SendFailed(connector?.ErrorCode ?? connector?.StatusCode.ToString() ?? ex.GetType().Name);
                if (connector?.IsPermanent == true)
                {
                    return;
                }
            }
        }
    }

    private static Activity Address(Activity reply, Activity incoming)
    {
        reply.Conversation = new ConversationAccount { Id = incoming.Conversation!.Id };
        reply.From = incoming.Recipient;
        reply.Recipient = incoming.From;
        reply.ChannelId = incoming.ChannelId;
        reply.ServiceUrl = incoming.ServiceUrl;
        return reply;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating a card failed with {Status}")]
    private partial void LogUpdateFailed(Exception exception, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending a reply failed with {Status} {ErrorCode}")]
    private partial void LogSendFailed(Exception exception, string status, string? errorCode);
}
