using MentorBot.Hosting;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Protocol.Connector;
using Microsoft.Extensions.Logging;

namespace MentorBot.Conversations;

/// <summary>
/// Carries out a turn's saved row after the person already has their answer: its replies and card updates, then its
/// follow-up jobs. Progress is noted on the stored row so a takeover after a crash does only what is left, and the
/// row goes once all is done.
/// </summary>
public sealed partial class TurnReplySender
{
    private readonly ConnectorClient _connector;
    private readonly PendingReplyStore _store;
    private readonly JobRunner _jobs;
    private readonly ILogger<TurnReplySender> _logger;

    public TurnReplySender(ConnectorClient connector, PendingReplyStore store, JobRunner jobs, ILogger<TurnReplySender> logger)
    {
        _connector = connector;
        _store = store;
        _jobs = jobs;
        _logger = logger;
    }

    /// <summary>
    /// Null when the row is finished with, or left for a later sweep because the channel failed for now; when the channel
    /// throttled a message or a follow-up, what is left (from that step on) and when the channel lets it through again.
    /// </summary>
    public async Task<ThrottledReplies?> SendAsync(PendingReplies replies, CancellationToken cancellationToken)
    {
        // A conversation that refused a message for good (blocked, uninstalled) gets none of the rest.
        var unreachable = new HashSet<string>(StringComparer.Ordinal);
        for (var index = replies.Sent; index < replies.Steps; index++)
        {
            try
            {
                if (index < replies.Messages.Count)
                {
                    if (!await SendMessageAsync(replies, replies.Messages[index], unreachable, cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }
                }
                else
                {
                    await _jobs.RunNowAsync(replies.FollowUps[index - replies.Messages.Count], cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ConnectorException ex) when (ex.IsThrottled && ConnectorThrottle.CanComeBackLater)
            {
                // Not a failure: the stored row already counts what was done, so only the rest goes at RetryAt.
                LogThrottled(ex.RetryAt!.Value);
                // What the turn had read is fresh only right after it: follow-ups held for later read storage again.
                var rest = replies with { Sent = index, FollowUps = replies.FollowUps.Select(job => job with { Loaded = null }).ToList() };
                return new ThrottledReplies(rest, ex.RetryAt.Value);
            }

            if (index + 1 < replies.Steps)
            {
                await _store.MarkSentAsync(replies, index + 1, cancellationToken).ConfigureAwait(false);
            }
        }

        await _store.RemoveAsync(replies, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>False when the channel failed for now and the row should be tried again later.</summary>
    private async Task<bool> SendMessageAsync(PendingReplies replies, PendingMessage message, HashSet<string> unreachable, CancellationToken cancellationToken)
    {
        var (replaces, activity) = message;
        // Each message carries its address; rows saved before updates elsewhere existed have the row's.
        var serviceUrl = string.IsNullOrEmpty(activity.ServiceUrl) ? replies.ServiceUrl : activity.ServiceUrl;
        var conversationId = activity.Conversation?.Id is { Length: > 0 } id ? id : replies.ConversationId;
        if (unreachable.Contains(conversationId))
        {
            return true;
        }

        try
        {
            if (replaces is not null)
            {
                await _connector.UpdateAsync(serviceUrl, conversationId, replaces, activity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _connector.SendAsync(serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
                if (MentorBotTelemetry.CardKindOf(activity) is { } kind)
                {
                    MentorBotTelemetry.CardSent(kind);
                }
            }
        }
        catch (ConnectorException ex) when (ex.IsThrottled && ConnectorThrottle.CanComeBackLater)
        {
            // Comes back later as a whole step (see SendAsync), a card update included.
            throw;
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
            unreachable.Add(conversationId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Still failing after the connector's retries: the row stays for the next sweep.
            LogSendPostponed(ex, (ex as ConnectorException)?.StatusCode.ToString() ?? ex.GetType().Name);
            MentorBotTelemetry.SendFailed((ex as ConnectorException)?.StatusCode.ToString() ?? ex.GetType().Name);
            return false;
        }

        return true;
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
