using MentorBot.Conversations;

namespace MentorBot.Features.Programs;

/// <summary>The program whose coordinators channel a turn comes from.</summary>
public static class ChannelPrograms
{
    /// <summary>The program, or null after telling the coordinator that this channel has none.</summary>
    public static async Task<MentorshipProgram?> FindAsync(ProgramStore programs, Turn turn, CancellationToken cancellationToken)
    {
        var channelId = turn.Activity.ChannelData?.Channel?.Id ?? turn.ConversationId.Split(';')[0];
        var program = turn.TenantId is null ? null : await programs.FindByChannelAsync(turn.TenantId, channelId, cancellationToken).ConfigureAwait(false);
        if (program is null)
        {
            turn.Answer("No program uses this channel yet. Mention me with \"setup <program name>\" first.");
        }

        return program;
    }
}
