using System.Security.Cryptography;
using System.Text;
using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Programs;
using MentorBot.Hosting;
using MentorBot.Protocol.Connector;

namespace MentorBot.Features.Escalations;

/// <summary>
/// Raises alerts: stores the alert under an id derived from its cause key (so a second raise for the same cause
/// does nothing), then posts its card as a new thread in the program's coordinators channel — after the answer when
/// a turn raised it (<see cref="AlertPostJob"/>).
/// </summary>
public sealed class EscalationAlerts
{
    private readonly AlertStore _alerts;
    private readonly ProgramStore _programs;
    private readonly ConnectorClient _connector;
    private readonly CoordinatorsChannelMembers _channelMembers;
    private readonly FollowUps _followUps;
    private readonly TimeProvider _time;

    public EscalationAlerts(
        AlertStore alerts, ProgramStore programs, ConnectorClient connector, CoordinatorsChannelMembers channelMembers, FollowUps followUps, TimeProvider time)
    {
        _channelMembers = channelMembers;
        _alerts = alerts;
        _programs = programs;
        _connector = connector;
        _followUps = followUps;
        _time = time;
    }

    /// <summary>The alert id for a cause: the same cause key always gives the same id.</summary>
    public static string IdFor(string causeKey) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(causeKey)))[..24].ToLowerInvariant();

    /// <summary>Raises the alert once; returns false when this cause was already raised.</summary>
    public async Task<bool> RaiseAsync(MentorshipProgram program, AlertRequest request, CancellationToken cancellationToken)
    {
        var alert = new EscalationAlert
        {
            TenantId = program.TenantId,
            ProgramId = program.ProgramId,
            AlertId = IdFor(request.CauseKey),
            Cause = request.Cause,
            Reason = request.Reason,
            PairId = request.PairId,
            PairDescription = request.PairDescription,
            Details = request.Details,
            Parties = request.Parties,
            RaisedAt = _time.GetUtcNow(),
        };

        if (!await _alerts.TryAddAsync(alert, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        MentorBotTelemetry.AlertRaised(alert.Cause);

        // Stored first, posted second: a crash in between leaves an alert coordinators can still list with "alerts", and
        // the post is retried as a job.
        await _followUps.RunAsync(AlertPostJob.For(alert), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Posts a stored alert's card as a new thread in its program's coordinators channel, unless it is posted already.</summary>
    public async Task PostAsync(string tenantId, string programId, string alertId, CancellationToken cancellationToken)
    {
        if (await _alerts.GetAsync(tenantId, programId, alertId, cancellationToken).ConfigureAwait(false) is not { } stored
            || stored.Alert.ActivityId is not null
            || await _programs.GetAsync(tenantId, programId, cancellationToken).ConfigureAwait(false) is not { Program: var program })
        {
            return;
        }

        var viewers = AlertCard.Viewers(await _channelMembers.WithTeamsIdsAsync(program, cancellationToken).ConfigureAwait(false));
        var posted = await _connector.StartChannelThreadAsync(
            program.Channel.ServiceUrl, program.TenantId, program.Channel.ChannelId, CardJson.ToMessage(AlertCard.Create(stored.Alert, viewers)), cancellationToken)
            .ConfigureAwait(false);
        var withCard = stored.Alert with
        {
            ServiceUrl = program.Channel.ServiceUrl,
            ConversationId = posted.Id,
            ActivityId = posted.ActivityId,
        };
        await _alerts.UpdateAsync(withCard, stored.ETag, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What a feature says when it raises an alert. <see cref="CauseKey"/> names the one event, e.g. "checkin/{pair}/{meeting}/not-working".</summary>
public sealed record AlertRequest(string Cause, string CauseKey, string Reason)
{
    public string? PairId { get; init; }
    public string? PairDescription { get; init; }
    public string? Details { get; init; }
    public IReadOnlyList<AlertParty> Parties { get; init; } = [];
}
