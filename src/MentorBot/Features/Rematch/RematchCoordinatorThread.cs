using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Escalations;
using MentorBot.Features.Programs;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace MentorBot.Features.Rematch;

/// <summary>
/// The coordinators' side of a request: one alert (which names the requester, to coordinators only) and, as a
/// reply in the alert's thread, the card with the decisions. Keeps that card and the alert in step with the
/// request. Every post has a deterministic key, so running any step again sends nothing twice. Asked during a turn,
/// each step follows its answer (<see cref="RematchThreadJob"/>), reading the request again from storage.
/// </summary>
public sealed partial class RematchCoordinatorThread
{
    public const string AlertCause = "rematch-requested";

    private const int Attempts = 3;

    private readonly EscalationAlerts _alerts;
    private readonly AlertStore _alertStore;
    private readonly RematchRequestStore _requests;
    private readonly ProactiveMessenger _messenger;
    private readonly ConnectorClient _connector;
    private readonly ProgramStore _programs;
    private readonly CoordinatorsChannelMembers _channelMembers;
    private readonly FollowUps _followUps;
    private readonly ILogger<RematchCoordinatorThread> _logger;

    public RematchCoordinatorThread(EscalationAlerts alerts, AlertStore alertStore, RematchRequestStore requests, ProactiveMessenger messenger,
        ConnectorClient connector, ProgramStore programs, CoordinatorsChannelMembers channelMembers, FollowUps followUps, ILogger<RematchCoordinatorThread> logger)
    {
        _followUps = followUps;
        _programs = programs;
        _channelMembers = channelMembers;
        _alerts = alerts;
        _alertStore = alertStore;
        _requests = requests;
        _messenger = messenger;
        _connector = connector;
        _logger = logger;
    }

    /// <summary>Raises the request's alert and posts the decision card in its thread, each once.</summary>
    public Task OpenAsync(RematchRequest request, CancellationToken cancellationToken) =>
        _followUps.RunAsync(RematchThreadJob.Open(request), cancellationToken);

    /// <summary>Shows how a request ended on its decision card and its alert (a withdrawal or a settlement also in the thread).</summary>
    public Task ShowOutcomeAsync(RematchRequest request, RematchOutcome outcome, CancellationToken cancellationToken) =>
        _followUps.RunAsync(RematchThreadJob.Outcome(request, outcome), cancellationToken);

    internal async Task OpenNowAsync(MentorshipProgram program, RematchRequest request, CancellationToken cancellationToken)
    {
        var urgent = request.Urgency == "urgent" ? "Urgent: " : string.Empty;
        await _alerts.RaiseAsync(program, new AlertRequest(AlertCause, request.AlertCauseKey,
            $"{urgent}A rematch was asked for privately")
        {
            PairId = request.PairId,
            PairDescription = request.PairDescription,
            // Who asked is in the details, which only the program's coordinators see.
            Details = $"Asked by {request.RequesterName} ({request.RoleName}). Reason: {RematchReasons.CategoryText(request.Category)}. Urgency: {RematchReasons.UrgencyText(request.Urgency)}."
                + (string.IsNullOrWhiteSpace(request.Details) ? string.Empty : $" They wrote: \"{request.Details}\"")
                + " Their partner has not been told.",
            // Only the requester: talking to them first is the coordinator's next step, not contacting the partner.
            Parties = [new AlertParty(request.RoleName, request.RequesterName, request.RequesterUpn)],
        }, cancellationToken).ConfigureAwait(false);

        var alert = (await _alertStore.GetAsync(request.TenantId, request.ProgramId, AlertIdOf(request), cancellationToken).ConfigureAwait(false))?.Alert;
        var thread = alert is { ServiceUrl: { } serviceUrl, ConversationId: { } conversationId }
            ? new ConversationReference(serviceUrl, conversationId, request.TenantId, ConversationTypes.Channel, null)
            : new ConversationReference(program.Channel.ServiceUrl, program.Channel.ChannelId, request.TenantId, ConversationTypes.Channel, null);
        var delivery = await _messenger.SendToConversationAsync(request.TenantId, thread, $"rematch/{request.RequestId}/decisions",
            CardJson.ToMessage(RematchCoordinatorCard.Create(request, await ViewersAsync(program, cancellationToken).ConfigureAwait(false))), cancellationToken)
            .ConfigureAwait(false);
        if (delivery.ActivityId is not { } activityId)
        {
            return;
        }

        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var stored = await _requests.GetAsync(request.TenantId, request.PairId, request.RequestId, cancellationToken).ConfigureAwait(false);
            if (stored is not { } current || current.Request.CardActivityId is not null)
            {
                return;
            }

            try
            {
                await _requests.UpdateAsync(current.Request with
                {
                    CardServiceUrl = thread.ServiceUrl,
                    CardConversationId = delivery.ConversationId ?? thread.ConversationId,
                    CardActivityId = activityId,
                }, current.ETag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConcurrentUpdateException) when (attempt < Attempts)
            {
                // A decision landed at the same moment: read it again and only add where the card is.
            }
        }
    }

    /// <summary>
    /// Shows a decided (or withdrawn) request on the decision card, resolves the alert with the outcome's note and,
    /// when nobody in the channel pressed anything (a withdrawal, a settlement), also posts the note in the thread,
    /// once. Showing is cosmetic: a card that cannot be updated keeps its old look.
    /// </summary>
    internal async Task ShowOutcomeNowAsync(MentorshipProgram? program, RematchRequest request, RematchOutcome outcome, CancellationToken cancellationToken)
    {
        var (note, resolvedBy, postNote) = outcome switch
        {
            RematchOutcome.Kept => ($"Kept the pair. {request.RequesterName} was told privately; their partner was not told anything.", request.DecidedBy, false),
            RematchOutcome.Rematched => ("Ended the pair for a rematch. Both were sent the same neutral message.", request.DecidedBy, false),
            RematchOutcome.Settled => ("Settled by another request about the same pair: the pair was ended for a rematch.", request.DecidedBy, true),
            _ => ($"{request.RequesterName} withdrew this rematch request. Nothing was said to their partner.", (string?)null, true),
        };
        if (request is { CardServiceUrl: { } serviceUrl, CardConversationId: { } conversationId, CardActivityId: { } activityId })
        {
            var viewers = program is null ? [] : await ViewersAsync(program, cancellationToken).ConfigureAwait(false);
            await TryUpdateAsync(request.TenantId, serviceUrl, conversationId, activityId, RematchCoordinatorCard.Create(request, viewers), cancellationToken).ConfigureAwait(false);
        }

        if (postNote && request is { CardServiceUrl: { } threadServiceUrl, CardConversationId: { } threadId })
        {
            await _messenger.SendToConversationAsync(request.TenantId,
                new ConversationReference(threadServiceUrl, threadId, request.TenantId, ConversationTypes.Channel, null),
                $"rematch/{request.RequestId}/{request.State.ToString().ToLowerInvariant()}", Activity.CreateMessage(note), cancellationToken)
                .ConfigureAwait(false);
        }

        await ResolveAlertAsync(request, note, resolvedBy, cancellationToken).ConfigureAwait(false);
    }

    private async Task ResolveAlertAsync(RematchRequest request, string note, string? resolvedBy, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var found = await _alertStore.GetAsync(request.TenantId, request.ProgramId, AlertIdOf(request), cancellationToken).ConfigureAwait(false);
            if (found is not { } stored || stored.Alert.State == AlertState.Resolved)
            {
                return;
            }

            var resolved = stored.Alert with { State = AlertState.Resolved, ResolvedBy = resolvedBy, ResolutionNote = note };
            try
            {
                await _alertStore.UpdateAsync(resolved, stored.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrentUpdateException) when (attempt < Attempts)
            {
                // A coordinator acknowledged it at the same moment: read it again.
                continue;
            }

            if (resolved is { ServiceUrl: { } serviceUrl, ConversationId: { } conversationId, ActivityId: { } activityId })
            {
                await TryUpdateAsync(request.TenantId, serviceUrl, conversationId, activityId, AlertCard.Create(resolved, []), cancellationToken).ConfigureAwait(false);
            }

            return;
        }
    }

    private async Task TryUpdateAsync(string tenantId, string serviceUrl, string conversationId, string activityId, AdaptiveCard card, CancellationToken cancellationToken)
    {
        try
        {
            var update = CardJson.ToMessage(card);
            // Paced in the tenant's budget with its other sends.
            update.Conversation = new ConversationAccount { Id = conversationId, TenantId = tenantId };
            await _connector.UpdateAsync(serviceUrl, conversationId, activityId, update, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            LogUpdateFailed(ex, ex.StatusCode.ToString());
        }
    }

    private static string AlertIdOf(RematchRequest request) => EscalationAlerts.IdFor(request.AlertCauseKey);

    private async Task<IReadOnlyList<string>> ViewersAsync(MentorshipProgram program, CancellationToken cancellationToken) =>
        AlertCard.Viewers(await _channelMembers.WithTeamsIdsAsync(program, cancellationToken).ConfigureAwait(false));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating a rematch card failed with {Status}; it keeps its old look")]
    private partial void LogUpdateFailed(Exception exception, string status);
}
