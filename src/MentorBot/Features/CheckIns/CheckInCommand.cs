using MentorBot.Conversations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// "check in": a party logs a meeting that was not on a calendar (a call, a coffee) and the pair gets the check-in.
/// In a pair chat it is that pair; in a personal chat the sender's active pair (or the one whose partner they name).
/// </summary>
public sealed class CheckInCommand : ICommand
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly MeetingLog _meetings;
    private readonly CheckInSender _sender;
    private readonly TimeProvider _time;

    public CheckInCommand(PairStore pairs, ProgramStore programs, MeetingLog meetings, CheckInSender sender, TimeProvider time)
    {
        _pairs = pairs;
        _programs = programs;
        _meetings = meetings;
        _sender = sender;
        _time = time;
    }

    public CommandInfo Info { get; } = new("check in", "Logs a meeting that wasn't in your calendar and opens the check-in.",
        CommandScopes.Personal | CommandScopes.GroupChat, "check in [partner's name]") { Aliases = ["checkin"] };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.UserId is null || turn.TenantId is null)
        {
            return;
        }

        var active = (await _pairs.ForPersonAsync(turn.TenantId, turn.UserId, cancellationToken).ConfigureAwait(false))
            .Where(p => !p.IsClosed && p.Stage != PairStage.Created)
            .ToList();
        if (!turn.IsPersonal)
        {
            active = active.Where(p => p.PairChatConversationId == turn.ConversationId).ToList();
        }
        else if (arguments.Length > 0)
        {
            active = active.Where(p => p.PartnerOf(p.RoleOf(turn.UserId)!.Value).Name.Contains(arguments, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        switch (active.Count)
        {
            case 0:
                turn.Reply(turn.IsPersonal
                    ? "I can't find an active mentoring pair of yours. If you think you should have one, ask your program coordinator."
                    : "This chat isn't linked to a mentoring pair of yours, so there's nothing to check in on here.");
                return;
            case > 1:
                turn.Reply("You're in more than one pair. Say \"check in\" followed by your partner's name, e.g. \"check in "
                    + active[0].PartnerOf(active[0].RoleOf(turn.UserId)!.Value).Name + "\".");
                return;
        }

        var pair = active[0];
        var program = (await _programs.GetAsync(pair.TenantId, pair.ProgramId, cancellationToken).ConfigureAwait(false))?.Program;
        if (program is null)
        {
            return;
        }

        var meeting = await _meetings.LogManualMeetingAsync(pair, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        turn.Reply("Thanks, I've noted your meeting. Here's the check-in.");
        // Sent now for the person who asked; the job MeetingLog scheduled finds it already sent (same outbox keys).
        await _sender.SendAsync(pair, program, meeting.MeetingKey, meeting.Start, cancellationToken).ConfigureAwait(false);
    }
}
