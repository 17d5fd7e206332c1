using MentorBot.Cards;
using MentorBot.Conversations;

namespace MentorBot.Features.Registration;

internal static class CardReplies
{
    /// <summary>Replaces the pressed card where the press says which card it was; otherwise sends the card as a reply.</summary>
    public static void ReplaceOrReply(Turn turn, AdaptiveCard card)
    {
        if (turn.Activity.IsInvoke || !string.IsNullOrEmpty(turn.Activity.ReplyToId))
        {
            turn.ReplaceCard(card);
        }
        else
        {
            turn.Reply(card);
        }
    }
}
