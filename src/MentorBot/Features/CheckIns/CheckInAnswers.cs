using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Escalations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// A party answering a check-in card: only the two people of the pair, once per meeting, not after the pair closed.
/// "Not working" or a request for help alerts the coordinators at once; repeated "could be better" does too.
/// </summary>
public sealed class CheckInAnswers : ICardActionHandler
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly CheckInStore _answers;
    private readonly EscalationAlerts _alerts;
    private readonly TimeProvider _time;
    private readonly MeetingStore _meetings;

    public CheckInAnswers(PairStore pairs, ProgramStore programs, CheckInStore answers, EscalationAlerts alerts, TimeProvider time, MeetingStore meetings)
    {
        _meetings = meetings;
        _pairs = pairs;
        _programs = programs;
        _answers = answers;
        _alerts = alerts;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [CheckInCard.AnswerVerb];

    public Audience Audience => Audience.PairParty;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        var meetingKey = action.Get("meeting");
        if (meetingKey is null)
        {
            turn.Answer("This check-in card names no meeting. Nothing was recorded.");
            return;
        }

        var pair = ProgramSubject.PairOf(turn).Pair;
        var role = turn.UserId is null ? null : pair.RoleOf(turn.UserId);
        var intendedFor = action.Get("for");
        if (role is null || (intendedFor is not null && !string.Equals(intendedFor, turn.UserId, StringComparison.OrdinalIgnoreCase)))
        {
            turn.Answer("This check-in was sent to someone else, so only they can answer it. Nothing was recorded.");
            return;
        }

        if (pair.IsClosed)
        {
            turn.Answer("This pairing has ended, so check-ins are closed. Nothing was recorded.");
            return;
        }

        if (!CheckInRatings.TryParse(action.Get("structure"), out var structure)
            || !CheckInRatings.TryParse(action.Get("needs"), out var needs)
            || !CheckInRatings.TryParse(action.Get("differently"), out var differently))
        {
            turn.Answer("Please choose an answer for each of the three questions. Nothing was recorded yet.");
            return;
        }

        // The card names the meeting, but only a meeting the bot found or logged for this pair (and that has taken place)
        // has a check-in: anything else would let anyone mint answers and alerts at will.
        var meeting = meetingKey.Length > 200 ? null : await _meetings.GetAsync(pair.TenantId, pair.PairId, meetingKey, cancellationToken).ConfigureAwait(false);
        if (meeting is null || !meeting.Counts || meeting.Start > _time.GetUtcNow())
        {
            turn.Answer("I don't know that meeting of yours, so there is no check-in for it. Nothing was recorded.");
            return;
        }

        var note = action.Get("note")?.Trim();
        var answer = new CheckInAnswer
        {
            TenantId = pair.TenantId,
            PairId = pair.PairId,
            MeetingKey = meetingKey!,
            PersonId = turn.UserId!,
            Role = role.Value.ToString().ToLowerInvariant(),
            Structure = structure,
            Needs = needs,
            Differently = differently,
            Note = string.IsNullOrEmpty(note) ? null : note.Length > 500 ? note[..500] : note,
            KeepPrivate = action.Get("private") == "true",
            WantsCoordinatorHelp = action.Get("help") == "true",
            AnsweredAt = _time.GetUtcNow(),
        };

        if (!await _answers.TryAddAsync(answer, cancellationToken).ConfigureAwait(false))
        {
            turn.Answer("You already answered this check-in. Nothing was changed.");
            return;
        }

        var all = await _answers.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false);
        await EscalateAsync(pair, role.Value, answer, all, cancellationToken).ConfigureAwait(false);

        var inPairChat = !turn.IsPersonal;
        var forThisMeeting = all.Where(a => a.MeetingKey == answer.MeetingKey).ToList();
        turn.ReplaceCard(CheckInCard.Thanks(answer, pair, forThisMeeting, inPairChat));
        if (inPairChat && turn.Activity.IsInvoke && turn.Activity.ReplyToId is { } cardId)
        {
            // The pair chat's card shows everyone who has answered (private answers only as "answered").
            turn.UpdateCard(cardId, CheckInCard.Create(pair, answer.MeetingKey, "together", null, forThisMeeting));
        }
    }

    private async Task EscalateAsync(Pair pair, PairRole role, CheckInAnswer answer, IReadOnlyList<CheckInAnswer> all, CancellationToken cancellationToken)
    {
        var program = (await _programs.GetAsync(pair.TenantId, pair.ProgramId, cancellationToken).ConfigureAwait(false))?.Program;
        if (program is null)
        {
            return;
        }

        var person = pair.Party(role);
        var roleName = answer.Role;
        var details = $"{person.Name} ({roleName}): meeting structure {CheckInRatings.Text(answer.Structure)}; needs met {CheckInRatings.Text(answer.Needs)}; " +
            $"partner could do differently {CheckInRatings.Text(answer.Differently)}."
            + (answer.Note is null ? string.Empty : $" They wrote: \"{answer.Note}\"")
            + (answer.KeepPrivate ? " (Kept private from their partner.)" : string.Empty);
        AlertRequest Alert(string cause, string key, string reason) => new(cause, key, reason)
        {
            PairId = pair.PairId,
            PairDescription = pair.Description,
            Details = details,
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
        if (answer.SaysCouldBeBetter && !answer.SaysNotWorking && latest.Count == inARow && latest.All(a => a.SaysCouldBeBetter))
        {
            await _alerts.RaiseAsync(program,
                Alert("checkin-could-be-better", $"{prefix}/could-be-better-in-a-row", $"{person.Name} said \"could be better\" {inARow} times in a row"),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
