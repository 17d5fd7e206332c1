using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Lifecycle;

/// <summary>
/// The facilitated midpoint: starts each party's private reflection, reminds who has not answered, and gives the
/// coordinators one alert with both reflections (or, when time ran out, what there is and who did not answer),
/// followed in its thread by the facilitation card. Every send and the alert have deterministic keys.
/// </summary>
public sealed class MidpointCoordinator
{
    public const string AlertCause = "midpoint";

    private readonly ProgramStore _programs;
    private readonly LifecycleStore _store;
    private readonly ProactiveMessenger _messenger;
    private readonly DialogEngine _dialogs;
    private readonly EscalationAlerts _alerts;
    private readonly AlertStore _alertStore;
    private readonly FollowUps _followUps;

    public MidpointCoordinator(ProgramStore programs, LifecycleStore store, ProactiveMessenger messenger, DialogEngine dialogs, EscalationAlerts alerts,
        AlertStore alertStore, FollowUps followUps)
    {
        _followUps = followUps;
        _programs = programs;
        _store = store;
        _messenger = messenger;
        _dialogs = dialogs;
        _alerts = alerts;
        _alertStore = alertStore;
    }

    public static string Row(string role) => $"midpoint/{role}";

    public static string CauseKey(Pair pair) => $"midpoint/{pair.PairId}";

    public async Task StartAsync(Pair pair, MentorshipProgram program, CancellationToken cancellationToken)
    {
        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            var roleKey = role.ToString().ToLowerInvariant();
            var key = $"lifecycle/{pair.PairId}/midpoint/{roleKey}";
            if (await _store.TryAddAsync(pair.TenantId, pair.PairId, key, true, cancellationToken).ConfigureAwait(false))
            {
                var first = await _dialogs.BeginInPersonalChatAsync(pair.Party(role).Id, MidpointReflectionDialog.DialogId, Options(pair, roleKey), cancellationToken)
                    .ConfigureAwait(false);
                await _messenger.SendToPersonAsync(pair.TenantId, pair.Party(role).Id, key, first, program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reminds each party who has not reflected yet, once, and restarts their reflection.</summary>
    public async Task RemindAsync(Pair pair, MentorshipProgram program, CancellationToken cancellationToken)
    {
        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            var roleKey = role.ToString().ToLowerInvariant();
            if (await _store.GetAsync<MidpointReflection>(pair.TenantId, pair.PairId, Row(roleKey), cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var key = $"lifecycle/{pair.PairId}/midpoint/{roleKey}/reminder";
            if (await _store.TryAddAsync(pair.TenantId, pair.PairId, key, true, cancellationToken).ConfigureAwait(false))
            {
                await _messenger.SendToPersonAsync(pair.TenantId, pair.Party(role).Id, key + "/note",
                    Activity.CreateMessage("A gentle reminder: your private midpoint reflection is still open. It takes two minutes, and only the program coordinators see it."),
                    program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
                var first = await _dialogs.BeginInPersonalChatAsync(pair.Party(role).Id, MidpointReflectionDialog.DialogId, Options(pair, roleKey), cancellationToken)
                    .ConfigureAwait(false);
                await _messenger.SendToPersonAsync(pair.TenantId, pair.Party(role).Id, key, first, program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Raises the one midpoint alert when both reflected, or when <paramref name="timedOut"/> with whatever there is;
    /// after the answer when a reflection's last answer asks for it (<see cref="MidpointAlertJob"/>).
    /// </summary>
    public Task AlertIfCompleteAsync(Pair pair, bool timedOut, CancellationToken cancellationToken) =>
        _followUps.RunAsync(MidpointAlertJob.For(pair, timedOut), cancellationToken);

    internal async Task AlertNowIfCompleteAsync(Pair pair, bool timedOut, CancellationToken cancellationToken)
    {
        var mentor = (await _store.GetAsync<MidpointReflection>(pair.TenantId, pair.PairId, Row("mentor"), cancellationToken).ConfigureAwait(false))?.Value;
        var mentee = (await _store.GetAsync<MidpointReflection>(pair.TenantId, pair.PairId, Row("mentee"), cancellationToken).ConfigureAwait(false))?.Value;
        if ((!timedOut && (mentor is null || mentee is null))
            || await _programs.GetAsync(pair.TenantId, pair.ProgramId, cancellationToken).ConfigureAwait(false) is not { } programEntry)
        {
            return;
        }

        var program = programEntry.Program;
        var missing = new[] { (mentor, pair.Mentor.Name), (mentee, pair.Mentee.Name) }.Where(r => r.Item1 is null).Select(r => r.Item2).ToList();
        var lowest = new[] { mentor, mentee }.Where(r => r is not null).Select(r => r!.Rating).DefaultIfEmpty(0).Min();
        var reason = missing.Count == 0 ? $"Midpoint reflections are in (lowest rating {lowest}/5)"
            : $"Midpoint reflections: no answer from {string.Join(" and ", missing)}";
        await _alerts.RaiseAsync(program, new AlertRequest(AlertCause, CauseKey(pair), reason)
        {
            PairId = pair.PairId,
            PairDescription = pair.Description,
            Details = MidpointFacilitationCard.Describe(mentor, pair.Mentor.Name) + "\n\n" + MidpointFacilitationCard.Describe(mentee, pair.Mentee.Name),
            Parties = [new AlertParty("mentor", pair.Mentor.Name, pair.Mentor.Upn), new AlertParty("mentee", pair.Mentee.Name, pair.Mentee.Upn)],
        }, cancellationToken).ConfigureAwait(false);

        var alertId = EscalationAlerts.IdFor(CauseKey(pair));
        var alert = (await _alertStore.GetAsync(pair.TenantId, pair.ProgramId, alertId, cancellationToken).ConfigureAwait(false))?.Alert;
        var thread = alert is { ServiceUrl: { } serviceUrl, ConversationId: { } conversationId }
            ? new ConversationReference(serviceUrl, conversationId, pair.TenantId, ConversationTypes.Channel, null)
            : new ConversationReference(program.Channel.ServiceUrl, program.Channel.ChannelId, pair.TenantId, ConversationTypes.Channel, null);
        await _messenger.SendToConversationAsync(pair.TenantId, thread, $"lifecycle/{pair.PairId}/midpoint/facilitation",
            CardJson.ToMessage(MidpointFacilitationCard.Create(pair, alertId)), cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, string> Options(Pair pair, string roleKey) => new()
    {
        ["tenant"] = pair.TenantId,
        ["program"] = pair.ProgramId,
        ["pair"] = pair.PairId,
        ["role"] = roleKey,
    };
}
