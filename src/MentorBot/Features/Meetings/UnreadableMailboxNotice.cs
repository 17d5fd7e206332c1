using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Meetings;

/// <summary>
/// Tells each program's coordinators, once, that a mentor's calendar cannot be read: why, what to do about it, and
/// that the pair can still log meetings with "check in". Without it the pair would simply never get a check-in.
/// </summary>
public sealed class UnreadableMailboxNotice
{
    private readonly ProactiveMessenger _messenger;

    public UnreadableMailboxNotice(ProactiveMessenger messenger)
    {
        _messenger = messenger;
    }

    internal async Task TellAsync(IReadOnlyList<(Pair Pair, MentorshipProgram Program)> pairs, MailboxProblem problem, CancellationToken cancellationToken)
    {
        foreach (var program in pairs.GroupBy(p => p.Program.ProgramId, StringComparer.Ordinal))
        {
            var (first, channel) = (program.First().Pair, program.First().Program);
            var mentor = first.Mentor;
            var who = $"{mentor.Name} ({mentor.Upn ?? mentor.Mail ?? mentor.Id})";
            var pairsText = string.Join("; ", program.Select(p => p.Pair.Description));
            var notice = Activity.CreateMessage(
                $"I can't read the calendar of {who}, so I don't see the meetings of {pairsText} and send no check-ins after them. " +
                $"Why: {Reason(problem)} What to do: {Remedy(problem)} Until then either of them can type \"check in\" after a meeting. " +
                $"I'll try the calendar again every {CalendarScan.UnreadableRetry.TotalHours:0} hours.");
            await _messenger.SendToConversationAsync(first.TenantId,
                new ConversationReference(channel.Channel.ServiceUrl, channel.Channel.ChannelId, first.TenantId, ConversationTypes.Channel, null),
                $"mailbox/{mentor.Id}/unreadable", notice, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Reason(MailboxProblem problem) => problem switch
    {
        MailboxProblem.NotInExchangeOnline => "Microsoft 365 says their mailbox is not in Exchange Online (inactive, deleted, kept on-premises, or a guest's).",
        MailboxProblem.NoMailbox => "Microsoft 365 finds no mailbox for them (often: no Exchange Online licence).",
        _ => "Microsoft 365 refuses MentorBot access to their mailbox (an application access policy leaves it out).",
    };

    private static string Remedy(MailboxProblem problem) => problem switch
    {
        MailboxProblem.AccessDenied => "ask your Exchange administrator to add this mailbox to the group MentorBot's application access policy allows.",
        _ => "ask your Microsoft 365 administrator to give them an Exchange Online mailbox, or register the pair with a mentor who has one.",
    };
}
