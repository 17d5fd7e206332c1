using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>
/// Builds inbound Teams activities as the channel would deliver them to the bot (protocol.md D):
/// <c>msteams</c>, this stand-in's serviceUrl, the bot as recipient <c>28:{appId}</c>, tenant in
/// <c>channelData</c> and <c>conversation</c>. Every user it builds an activity for becomes a
/// member of the stand-in channel, so member lookups and 1:1 creates agree with what the bot saw.
/// Inputs are cloned, so one <see cref="JsonObject"/> can be passed to several calls.
/// </summary>
public sealed class ActivityFactory
{
    private readonly TeamsChannelStandIn _channel;
    private readonly ConcurrentDictionary<string, ConversationContext> _conversations = new(StringComparer.Ordinal);
    private readonly Lazy<TestUser> _someone = new(() => TestUser.Create("Someone"));

    public ActivityFactory(TeamsChannelStandIn channel, string botAppId, string tenantId, string botName = "MentorBot")
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        BotAppId = botAppId;
        TenantId = tenantId;
        BotName = botName;
    }

    public string BotAppId { get; }

    public string TenantId { get; }

    public string BotName { get; }

    /// <summary>The bot's Teams id, <c>28:{appId}</c>.</summary>
    public string BotId => "28:" + BotAppId;

    /// <summary>A valid token for this bot from the stand-in channel, with default options.</summary>
    public string CreateToken() => _channel.CreateToken(new ChannelTokenOptions { Audience = BotAppId });

    /// <summary>A 1:1 message; the conversation id is <see cref="ConversationIds.Personal"/> of the user.</summary>
    public JsonObject PersonalMessage(TestUser from, string text) =>
        Message(from, Remember(Personal(from)), text, mention: false);

    public JsonObject GroupChatMessage(string chatId, TestUser from, string text) =>
        Message(from, Remember(GroupChat(chatId)), text, mention: true);

    /// <summary>A channel post @mentioning the bot; a new thread unless <paramref name="threadRootId"/> names one.</summary>
    public JsonObject ChannelMessage(string teamId, string channelId, TestUser from, string text, string? threadRootId = null)
    {
        var id = TeamsChannelStandIn.NextMessageId();
        var context = Channel(teamId, channelId).WithId(ConversationIds.ChannelThread(channelId, threadRootId ?? id));
        var activity = Message(from, Remember(context), text, mention: true);
        activity["id"] = id;
        return activity;
    }

    public JsonObject BotAddedToPersonal(TestUser user) => BotAdded(user, Remember(Personal(user)));

    /// <summary>The bot installed in a team; the conversation is the channel chosen at install.</summary>
    public JsonObject BotAddedToTeam(string teamId, string channelId, TestUser by, string teamName = "Mentoring")
    {
        var context = Remember(Channel(teamId, channelId, teamName));
        var activity = BotAdded(by, context);
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        activity["channelData"]!["settings"] = new JsonObject { ["selectedChannel"] = new JsonObject { ["id"] = channelId } };
        return activity;
    }

    public JsonObject BotAddedToGroupChat(string chatId, TestUser by) => BotAdded(by, Remember(GroupChat(chatId)));

    /// <summary>An <c>installationUpdate</c> in the conversation of an earlier activity; action <c>add</c>, <c>remove</c>, <c>add-upgrade</c>...</summary>
    public JsonObject InstallationUpdate(JsonObject sameConversationAs, TestUser from, string action = "add")
    {
        var activity = NewActivity("installationUpdate", from, ConversationContext.Of(sameConversationAs));
        activity["action"] = action;
        return activity;
    }

    /// <summary>An Action.Execute press: <c>invoke</c> <c>adaptiveCard/action</c> (protocol.md D6).</summary>
    public JsonObject CardInvoke(JsonObject sameConversationAs, TestUser from, string verb, JsonObject data, string? replyToId = null, string trigger = "manual") =>
        Invoke(ConversationContext.Of(sameConversationAs), from, verb, data, replyToId, trigger);

    /// <summary>An Action.Execute press on a card the bot sent; replies to that message.</summary>
    public JsonObject CardInvoke(RecordedConnectorCall card, TestUser from, string verb, JsonObject data, string trigger = "manual")
    {
        ArgumentNullException.ThrowIfNull(card);
        return Invoke(ContextOf(card), from, verb, data, card.MessageId, trigger);
    }

    /// <summary>An Action.Submit press: a message with <c>value</c> and empty text (protocol.md D5).</summary>
    public JsonObject CardSubmit(JsonObject sameConversationAs, TestUser from, JsonObject value, string? replyToId = null) =>
        Submit(ConversationContext.Of(sameConversationAs), from, value, replyToId);

    /// <summary>An Action.Submit press on a card the bot sent.</summary>
    public JsonObject CardSubmit(RecordedConnectorCall card, TestUser from, JsonObject value)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Submit(ContextOf(card), from, value, card.MessageId);
    }

    /// <summary>An activity of any type (e.g. <c>messageReaction</c>, <c>event</c>) in a personal chat, to check the bot ignores it politely.</summary>
    public JsonObject Unknown(string type, TestUser? from = null)
    {
        var user = from ?? _someone.Value;
        return NewActivity(type, user, Remember(Personal(user)));
    }

    private JsonObject Message(TestUser from, ConversationContext context, string text, bool mention)
    {
        var activity = NewActivity("message", from, context);
        activity["textFormat"] = "plain";
        if (mention)
        {
            var at = $"<at>{BotName}</at>";
            activity["text"] = $"{at} {text}";
            activity["entities"]!.AsArray().Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = at,
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            });
        }
        else
        {
            activity["text"] = text;
        }

        return activity;
    }

    /// <summary>
    /// Someone adds people to a group chat the bot is in: a conversationUpdate whose membersAdded names them by Teams id
    /// (Teams docs, "Conversation events in your Teams bot", members added).
    /// </summary>
    public JsonObject MembersAddedToGroupChat(string chatId, TestUser by, params TestUser[] added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var activity = NewActivity("conversationUpdate", by, Remember(GroupChat(chatId)));
        activity["membersAdded"] = new JsonArray(added.Select(u => (JsonNode)new JsonObject { ["id"] = u.TeamsId, ["aadObjectId"] = u.AadObjectId }).ToArray());
        return activity;
    }

    private JsonObject BotAdded(TestUser by, ConversationContext context)
    {
        var activity = NewActivity("conversationUpdate", by, context);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        return activity;
    }

    private JsonObject Invoke(ConversationContext context, TestUser from, string verb, JsonObject data, string? replyToId, string trigger)
    {
        var activity = NewActivity("invoke", from, context);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["id"] = "action-" + Guid.NewGuid().ToString("N")[..8],
                ["verb"] = verb,
                ["data"] = data.DeepClone(),
            },
            ["trigger"] = trigger,
        };
        SetReplyTo(activity, replyToId);
        return activity;
    }

    private JsonObject Submit(ConversationContext context, TestUser from, JsonObject value, string? replyToId)
    {
        var activity = NewActivity("message", from, context);
        activity["text"] = "";
        activity["value"] = value.DeepClone();
        activity["channelData"]!["postBack"] = true;
        SetReplyTo(activity, replyToId);
        return activity;
    }

    private static void SetReplyTo(JsonObject activity, string? replyToId)
    {
        if (replyToId is not null)
        {
            activity["replyToId"] = replyToId;
        }
    }

    private JsonObject NewActivity(string type, TestUser from, ConversationContext context)
    {
        ArgumentNullException.ThrowIfNull(from);
        _channel.EnsureMember(from, TenantId);
        var now = _channel.Clock.GetUtcNow();
        return new JsonObject
        {
            ["type"] = type,
            ["id"] = TeamsChannelStandIn.NextMessageId(),
            ["timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["localTimestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["serviceUrl"] = _channel.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = from.TeamsId, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
            ["conversation"] = context.Conversation.DeepClone(),
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "clientInfo",
                ["locale"] = "en-US",
                ["country"] = "US",
                ["platform"] = "Web",
                ["timezone"] = from.TimeZone,
            }),
            ["channelData"] = context.ChannelData.DeepClone(),
            ["locale"] = "en-US",
        };
    }

    private ConversationContext ContextOf(RecordedConnectorCall call)
    {
        var id = call.ConversationId ?? throw new ArgumentException("The call has no conversation.", nameof(call));
        if (_conversations.TryGetValue(id, out var known))
        {
            return known;
        }

        return _conversations.TryGetValue(ConversationIds.WithoutThread(id), out var channel)
            ? channel.WithId(id)
            : ConversationContext.Infer(id, TenantId);
    }

    /// <summary>Remembers a conversation by id (and a channel by its id without thread) so later card presses find it.</summary>
    private ConversationContext Remember(ConversationContext context)
    {
        _conversations[context.Id] = context;
        _conversations.TryAdd(ConversationIds.WithoutThread(context.Id), context.WithId(ConversationIds.WithoutThread(context.Id)));
        return context;
    }

    private ConversationContext Personal(TestUser user) =>
        new(ConversationContext.NewConversation(ConversationIds.Personal(user.TeamsId), "personal", TenantId), TenantData());

    private ConversationContext GroupChat(string chatId) =>
        new(ConversationContext.NewConversation(chatId, "groupChat", TenantId), TenantData());

    private ConversationContext Channel(string teamId, string channelId, string? teamName = null)
    {
        var team = new JsonObject { ["id"] = teamId };
        if (teamName is not null)
        {
            team["name"] = teamName;
        }

        var channelData = TenantData();
        channelData["teamsTeamId"] = teamId;
        channelData["teamsChannelId"] = channelId;
        channelData["team"] = team;
        channelData["channel"] = new JsonObject { ["id"] = channelId };
        return new ConversationContext(ConversationContext.NewConversation(channelId, "channel", TenantId), channelData);
    }

    private JsonObject TenantData() => new() { ["tenant"] = new JsonObject { ["id"] = TenantId } };
}
