using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// A party answering a check-in card: only the two people of the pair, once per meeting, not after the pair closed.
/// After the answer, the partner hears it and coordinators are alerted (<see cref="CheckInAnsweredJob"/>). A repeated
/// press runs that again, which sends nothing twice.
/// </summary>
public sealed class CheckInAnswers : ICardActionHandler
{
    private readonly CheckInStore _answers;
    private readonly TimeProvider _time;
    private readonly MeetingStore _meetings;

    public CheckInAnswers(CheckInStore answers, TimeProvider time, MeetingStore meetings)
    {
        _answers = answers;
        _time = time;
        _meetings = meetings;
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

        // The card names the meeting, but only a meeting the bot found or logged for this pair (and that has taken place)
        // has a check-in: anything else would let anyone mint answers and alerts at will.
        var meeting = meetingKey.Length > 200 ? null : await _meetings.GetAsync(pair.TenantId, pair.PairId, meetingKey, cancellationToken).ConfigureAwait(false);
        if (meeting is null || !meeting.Counts || meeting.Start > _time.GetUtcNow())
        {
            turn.Answer("I don't know that meeting of yours, so there is no check-in for it. Nothing was recorded.");
            return;
        }

        var stored = await _answers.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false);
        var earlier = stored.Where(a => a.MeetingKey != meetingKey).ToList();
        // Loaded with the pair when the router admitted the sender.
        var program = ProgramSubject.ProgramIfAny(turn);
        if (stored.FirstOrDefault(a => a.MeetingKey == meetingKey && a.Role == RoleName(role.Value)) is { } already)
        {
            // A repeat (or a first press whose follow-ups failed midway): finish what may not have happened.
            AfterAnswer(turn, pair, program, meeting, stored, already);
            turn.Answer("You already answered this check-in. Nothing was changed.");
            return;
        }

        var input = CheckInAnswerInput.Read(action, role.Value, OpenRequests.Of(turn.UserId!, earlier), out var error);
        if (input is null)
        {
            turn.Answer(error!);
            return;
        }

        var note = action.Get("note")?.Trim();
        var answer = new CheckInAnswer
        {
            TenantId = pair.TenantId,
            PairId = pair.PairId,
            MeetingKey = meetingKey,
            PersonId = turn.UserId!,
            Role = RoleName(role.Value),
            Structure = input.Structure,
            Need = input.Need,
            Differently = input.Differently,
            FollowUps = input.FollowUps,
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

        var all = stored.Append(answer).ToList();
        var inPairChat = !turn.IsPersonal;
        var forThisMeeting = all.Where(a => a.MeetingKey == answer.MeetingKey).ToList();
        turn.ReplaceCard(CheckInCard.Thanks(answer, pair, forThisMeeting, inPairChat));
        if (inPairChat && turn.Activity.IsInvoke && turn.Activity.ReplyToId is { } cardId)
        {
            // The pair chat's card shows everyone who has answered (private answers only as "answered").
            var shared = new Dictionary<PairRole, IReadOnlyList<OpenRequest>>
            {
                [PairRole.Mentor] = OpenRequests.Of(pair.Mentor.Id, earlier).Where(r => !r.KeptPrivate).ToList(),
                [PairRole.Mentee] = OpenRequests.Of(pair.Mentee.Id, earlier).Where(r => !r.KeptPrivate).ToList(),
            };
            turn.UpdateCard(cardId, CheckInCard.Create(pair, answer.MeetingKey, CheckInSender.When(meeting.Start), null, forThisMeeting, shared));
        }

        AfterAnswer(turn, pair, program, meeting, all, answer);
    }

    /// <summary>The partner's notice and the coordinators' alerts follow after the answer (<see cref="CheckInAnsweredJob"/>).</summary>
    private void AfterAnswer(Turn turn, Pair pair, MentorshipProgram? program, Meeting meeting, IReadOnlyList<CheckInAnswer> answers, CheckInAnswer answer)
    {
        if (program is not null)
        {
            // In the pair chat the partner sees the answer on the updated card already.
            var read = new CheckInAnsweredJob.TurnRead(pair, program, meeting, answers);
            turn.RunAfter(CheckInAnsweredJob.For(read, answer, notifyPartner: turn.IsPersonal, _time.GetUtcNow()));
        }
    }

    private static string RoleName(PairRole role) => role.ToString().ToLowerInvariant();
}
