using MentorBot.Hosting;
using MentorBot.Protocol.Connector;
using Microsoft.Extensions.Logging;

namespace MentorBot.Conversations;

/// <summary>
/// Delivers a turn's saved replies and card updates, after the person already has their answer. Progress is noted
/// on the stored row so a takeover after a crash sends only what is left, and the row goes once all is delivered.
/// </summary>
public sealed partial class TurnReplySender
{
    private readonly ConnectorClient _connector;
    private readonly PendingReplyStore _store;
    private readonly ILogger<TurnReplySender> _logger;

    public TurnReplySender(ConnectorClient connector, PendingReplyStore store, ILogger<TurnReplySender> logger)
    {
        _connector = connector;
        _store = store;
        _logger = logger;
    }

    /// <summary>
    /// Null when the row is finished with, or left for a later sweep because the channel failed for now; when the channel
    /// throttled a message, what is left to send (from that message on) and when the channel lets it through again.
    /// </summary>
    public async Task<ThrottledReplies?> SendAsync(PendingReplies replies, CancellationToken cancellationToken)
    {
        for (var index = replies.Sent; index < replies.Messages.Count; index++)
        {
            var (replaces, activity) = replies.Messages[index];
            try
            {
                if (replaces is not null)
                {
                    await _connector.UpdateAsync(replies.ServiceUrl, replies.ConversationId, replaces, activity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _connector.SendAsync(replies.ServiceUrl, replies.ConversationId, activity, cancellationToken).ConfigureAwait(false);
                    if (MentorBotTelemetry.CardKindOf(activity) is { } kind)
                    {
                        MentorBotTelemetry.CardSent(kind);
                    }
                }
            }
            catch (ConnectorException ex) when (ex.IsThrottled && ConnectorThrottle.CanComeBackLater)
            {
                // Not a failure: the stored row already counts what was delivered, so only the rest goes at RetryAt.
                LogThrottled(ex.RetryAt!.Value);
                return new ThrottledReplies(replies with { Sent = index }, ex.RetryAt.Value);
            }
            catch (ConnectorException ex) when (replaces is not null)
            {
                // The answer is already saved; a card that keeps its old look is a cosmetic loss.
                LogUpdateFailed(ex, ex.StatusCode.ToString());
            }
            catch (ConnectorException ex) when (ex.IsPermanent)
            {
                // Blocked, uninstalled or refused: no later attempt would deliver this or the rest.
                LogSendFailed(ex, ex.StatusCode.ToString(), ex.ErrorCode);
                MentorBotTelemetry.SendFailed(ex.ErrorCode ?? ex.StatusCode.ToString());
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Still failing after the connector's retries: the row stays for the next sweep.
                LogSendPostponed(ex, (ex as ConnectorException)?.StatusCode.ToString() ?? ex.GetType().Name);
                MentorBotTelemetry.SendFailed((ex as ConnectorException)?.StatusCode.ToString() ?? ex.GetType().Name);
                return null;
            }

            if (index + 1 < replies.Messages.Count)
            {
                await _store.MarkSentAsync(replies, index + 1, cancellationToken).ConfigureAwait(false);
            }
        }

        await _store.RemoveAsync(replies, cancellationToken).ConfigureAwait(false);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The channel throttled a turn's reply; the rest is sent at {RetryAt:O}")]
    private partial void LogThrottled(DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating a card failed with {Status}")]
    private partial void LogUpdateFailed(Exception exception, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending a reply failed with {Status} {ErrorCode}; it is dropped")]
    private partial void LogSendFailed(Exception exception, string status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a reply failed with {Status}; it is kept and tried again later")]
    private partial void LogSendPostponed(Exception exception, string status);
}

/// <summary>A turn's replies the channel throttled: <see cref="Rest"/> (its <c>Sent</c> counts what went) goes at <see cref="RetryAt"/>.</summary>
public sealed record ThrottledReplies(PendingReplies Rest, DateTimeOffset RetryAt);
