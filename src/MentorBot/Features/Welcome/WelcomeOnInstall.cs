using MentorBot.Conversations;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Welcome;

/// <summary>
/// Welcomes once per conversation when the bot is added. Teams sends both a conversationUpdate and an
/// installationUpdate for one install, so the welcome is reserved in the send ledger.
/// </summary>
public sealed class WelcomeOnInstall : IConversationUpdateHandler
{
    private const string LedgerCategory = "welcome";

    private readonly SendLedger _ledger;

    public WelcomeOnInstall(SendLedger ledger)
    {
        _ledger = ledger;
    }

    public async Task HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!BotWasAdded(turn.Activity) || string.IsNullOrEmpty(turn.ConversationId))
        {
            return;
        }

        // A team install names the channel it was added from; the welcome belongs to the team's general channel once.
        var key = turn.Activity.ChannelData?.Team?.Id ?? turn.ConversationId;
        if (await _ledger.TryReserveAsync(LedgerCategory, key, cancellationToken).ConfigureAwait(false))
        {
            turn.Reply(WelcomeCard.Create(turn.ConversationType, turn.IsPersonal ? turn.UserName : null));
        }
    }

    private static bool BotWasAdded(Activity activity)
    {
        if (activity.Type == ActivityTypes.InstallationUpdate)
        {
            return activity.Action == "add";
        }

        var botId = activity.Recipient?.Id;
        return activity.Type == ActivityTypes.ConversationUpdate
            && botId is not null
            && activity.MembersAdded?.Any(m => string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase)) == true;
    }
}
