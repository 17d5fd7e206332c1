using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// What in a check-in answer the coordinators hear of: "not working" or a request for help at once, "could be better"
/// several times in a row, and, gently, something the partner could do differently still not done after two meetings.
/// Each alert once per cause (its key).
/// </summary>
public sealed class CheckInEscalation
{
    private readonly EscalationAlerts _alerts;

    public CheckInEscalation(EscalationAlerts alerts)
    {
        _alerts = alerts;
    }

    public async Task RaiseAsync(Pair pair, MentorshipProgram program, CheckInAnswer answer, IReadOnlyList<CheckInAnswer> all, CancellationToken cancellationToken)
    {
        var person = pair.Party(pair.RoleOf(answer.PersonId)!.Value);
        var roleName = answer.Role;
        var details = $"{person.Name} ({roleName}): {CheckInWords.Summary(answer)}."
            + (answer.Note is null ? string.Empty : $" They wrote: \"{answer.Note}\"")
            + (answer.KeepPrivate ? " (Kept private from their partner.)" : string.Empty);
        AlertRequest Alert(string cause, string key, string reason, string? otherDetails = null) => new(cause, key, reason)
        {
            PairId = pair.PairId,
            PairDescription = pair.Description,
            Details = otherDetails ?? details,
            Parties = [new AlertParty("mentor", pair.Mentor.Name, pair.Mentor.Upn), new AlertParty("mentee", pair.Mentee.Name, pair.Mentee.Upn)],
        };

        var prefix = $"checkin/{pair.PairId}/{answer.MeetingKey}/{roleName}";
        if (answer.SaysNotWorking)
        {
            await _alerts.RaiseAsync(program, Alert("checkin-not-working", $"{prefix}/not-working", "A check-in says the meetings are not working"), cancellationToken)
                .ConfigureAwait(false);
        }

        if (answer.WantsCoordinatorHelp)
        {
            await _alerts.RaiseAsync(program, Alert("checkin-help-requested", $"{prefix}/help", $"{person.Name} asked for the coordinator's help"), cancellationToken)
                .ConfigureAwait(false);
        }

        var inARow = program.Settings.CouldBeBetterInARow;
        var latest = all.Where(a => a.Role == roleName).OrderBy(a => a.AnsweredAt).TakeLast(inARow).ToList();
        if (answer.SaysCouldBeBetter && latest.Count == inARow && latest.All(a => a.SaysCouldBeBetter))
        {
            await _alerts.RaiseAsync(program,
                Alert("checkin-could-be-better", $"{prefix}/could-be-better-in-a-row", $"{person.Name} said \"could be better\" {inARow} times in a row"),
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var stuck in OpenRequests.Of(answer.PersonId, all).Where(r => r.IsStuck && r.Kind == RequestKind.Differently))
        {
            var partner = pair.PartnerOf(pair.RoleOf(answer.PersonId)!.Value);
            await _alerts.RaiseAsync(program,
                Alert("checkin-request-open", $"checkin/{pair.PairId}/{stuck.MeetingKey}/{roleName}/differently-open",
                    $"Something {person.Name} asked {partner.Name} to do differently has not happened after two meetings — a light touch may help",
                    $"{person.Name} ({roleName}) asked: \"{stuck.Text}\"" + (stuck.KeptPrivate ? " (Kept private from their partner.)" : string.Empty)),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
