using System.Text.RegularExpressions;
using MentorBot.Cards;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// One incoming activity being handled. Replies, card updates and follow-up work are collected here, saved with the
/// turn and carried out only after the HTTP answer, so a turn that has to be re-run (another instance wrote first)
/// never sends anything twice, and no call to the channel ever delays the person who acted.
/// </summary>
public sealed partial class Turn
{
    private readonly List<Activity> _replies = [];
    private readonly List<(string ActivityId, AdaptiveCard Card)> _cardUpdates = [];
    private readonly List<PendingMessage> _updatesElsewhere = [];
    private readonly List<Job> _followUps = [];

    public Turn(Activity activity, ChannelIdentity identity)
    {
        Activity = activity;
        Identity = identity;
        CardAction = CardActionInput.From(activity);
        Text = CleanText(activity.Text);
    }

    public Activity Activity { get; }

    public ChannelIdentity Identity { get; }

    /// <summary>The Entra object id of the sender: the one identity features key people by.</summary>
    public string? UserId => Activity.From?.AadObjectId;

    public string? UserName => Activity.From?.Name;

    public string? TenantId => Activity.TenantId;

    public string ConversationId => Activity.Conversation?.Id ?? string.Empty;

    public string ConversationType => Activity.Conversation?.ConversationType ?? ConversationTypes.Personal;

    public bool IsPersonal => ConversationType == ConversationTypes.Personal;

    /// <summary>The message text without @mentions of the bot, trimmed.</summary>
    public string Text { get; }

    /// <summary>A card button press (Action.Execute invoke or Action.Submit message), if this turn is one.</summary>
    public CardActionInput? CardAction { get; }

    /// <summary>What the router's access check loaded and admitted this turn for; null for turns open to anyone.</summary>
    public Access.TurnSubject? Subject { get; set; }

    /// <summary>What goes back in the HTTP response of an invoke.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    public IReadOnlyList<Activity> Replies => _replies;

    /// <summary>Cards already sent that must be replaced in place (after a classic submit, which cannot return a card).</summary>
    public IReadOnlyList<(string ActivityId, AdaptiveCard Card)> CardUpdates => _cardUpdates;

    /// <summary>Cards the bot posted in other conversations (e.g. an alert in the coordinators' channel), to be replaced there.</summary>
    public IReadOnlyList<PendingMessage> UpdatesElsewhere => _updatesElsewhere;

    /// <summary>Work that follows from the turn for other people (alerts, notices, messages to a partner).</summary>
    public IReadOnlyList<Job> FollowUps => _followUps;

    /// <summary>Replaces the card the user pressed with <paramref name="card"/>, whichever way the press arrived.</summary>
    public void ReplaceCard(AdaptiveCard card)
    {
        if (Activity.IsInvoke)
        {
            InvokeResponse = InvokeResponse.Card(CardJson.ToElement(card));
        }
        else if (!string.IsNullOrEmpty(Activity.ReplyToId))
        {
            _cardUpdates.Add((Activity.ReplyToId, card));
        }
    }

    public void Reply(string text) => _replies.Add(Activity.CreateMessage(text));

    public void Reply(AdaptiveCard card) => _replies.Add(CardJson.ToMessage(card));

    public void Reply(Activity activity) => _replies.Add(activity);

    /// <summary>Replaces a message the bot sent in this conversation, for everyone, once the turn is saved.</summary>
    public void UpdateCard(string activityId, AdaptiveCard card) => _cardUpdates.Add((activityId, card));

    /// <summary>
    /// Replaces a card the bot posted in another conversation, for everyone there, after the answer. The address comes
    /// from storage (where the card was recorded when it was posted), never from what the sender wrote.
    /// </summary>
    public void UpdateCardIn(string serviceUrl, string conversationId, string activityId, AdaptiveCard card)
    {
        var message = CardJson.ToMessage(card);
        message.ServiceUrl = serviceUrl;
        message.Conversation = new ConversationAccount { Id = conversationId };
        _updatesElsewhere.Add(new PendingMessage(activityId, message));
    }

    /// <summary>
    /// Runs <paramref name="job"/>'s handler after the answer, from the turn's saved row, so it survives a crash and
    /// never delays the person who acted. Its handler must be safe to run again, as every job's is; when it fails it
    /// is scheduled as an ordinary job and retried from there.
    /// </summary>
    public void RunAfter(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_followUps.Any(j => j.Kind == job.Kind && j.Key == job.Key))
        {
            _followUps.Add(job);
        }
    }

    /// <summary>Answers a card action: in place for an invoke, as a message for a classic submit.</summary>
    public void Answer(string text)
    {
        if (Activity.IsInvoke)
        {
            InvokeResponse = InvokeResponse.Message(text);
        }
        else
        {
            Reply(text);
        }
    }

    /// <summary>
    /// Forgets what the turn was going to send: used before the turn is run again. Follow-ups stay: what an earlier
    /// attempt already stored (a closed pair, a recorded message) is not done again by the next attempt, yet its
    /// consequences must still follow; every follow-up reads storage when it runs and is safe to run again.
    /// </summary>
    public void Reset()
    {
        _replies.Clear();
        _cardUpdates.Clear();
        _updatesElsewhere.Clear();
        InvokeResponse = null;
        Subject = null;
    }

    private static string CleanText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var withoutMentions = MentionPattern().Replace(text, " ");
        return WhitespacePattern().Replace(withoutMentions, " ").Trim();
    }

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
