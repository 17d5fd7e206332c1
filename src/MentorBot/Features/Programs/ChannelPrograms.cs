using MentorBot.Conversations;

namespace MentorBot.Features.Programs;

/// <summary>Which channel a turn comes from, as programs name their coordinators channel.</summary>
public static class ChannelPrograms
{
    /// <summary>The channel a turn comes from: Teams names it in channelData; the conversation id starts with it.</summary>
    public static string ChannelIdOf(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Activity.ChannelData?.Channel?.Id ?? turn.ConversationId.Split(';')[0];
    }
}
