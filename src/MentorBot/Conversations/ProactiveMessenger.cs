using MentorBot.Hosting;
using MentorBot.Infrastructure.Graph;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace MentorBot.Conversations;

/// <summary>
/// Messages people who are not talking to the bot right now: finds or opens their personal chat (installing the
/// app through Graph where the tenant allows it), sends each message once per key through the outbox, and keeps
/// what cannot be delivered yet until the person installs the app. Called while a turn is being handled, it only
/// records the message: the delivery follows the turn's answer (<see cref="OutboxDeliveryJob"/>).
/// </summary>
public sealed partial class ProactiveMessenger
{
    /// <summary>Where Teams takes bot calls when no activity has told us a closer address yet.</summary>
    public const string DefaultServiceUrl = "https://smba.trafficmanager.net/teams/";

    private readonly Outbox _outbox;
    private readonly ConversationReferenceStore _references;
    private readonly ConnectorClient _connector;
    private readonly TeamsAppInstaller _installer;
    private readonly BotSettings _settings;
    private readonly ILogger<ProactiveMessenger> _logger;

    public ProactiveMessenger(
        Outbox outbox,
        ConversationReferenceStore references,
        ConnectorClient connector,
        TeamsAppInstaller installer,
        BotSettings settings,
        ILogger<ProactiveMessenger> logger)
    {
        _outbox = outbox;
        _references = references;
        _connector = connector;
        _installer = installer;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Sends <paramref name="message"/> to the person's personal chat once for <paramref name="key"/>.</summary>
    public async Task<Delivery> SendToPersonAsync(
        string tenantId, string personId, string key, Activity message, string? fallbackServiceUrl, CancellationToken cancellationToken)
    {
        if (TurnScope.Current is { } turn)
        {
            var recorded = await _outbox.AddAsync(tenantId, personId, key, message, claimed: false, cancellationToken).ConfigureAwait(false);
            if (recorded.Status == Outbox.Sent)
            {
                return new Delivery(DeliveryOutcome.AlreadySent, recorded.ConversationId, recorded.ActivityId);
            }

            turn.RunAfter(OutboxDeliveryJob.ToPerson(tenantId, personId, key, fallbackServiceUrl));
            return new Delivery(DeliveryOutcome.AfterAnswer, null, null);
        }

        // Sent now. What storage knows of the person is read first: when their personal chat is known, the message is
        // recorded already claimed (one write, not a write and a claim). Anything that needs a call to the channel (opening
        // the chat, adding the app back) comes after the message is recorded, so it is kept whatever that call does.
        var person = await ReadPersonAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
        var entry = await _outbox.AddAsync(tenantId, personId, key, message, claimed: person.Reference?.PersonalConversationId is not null, cancellationToken)
            .ConfigureAwait(false);
        return entry.Status == Outbox.Sent
            ? new Delivery(DeliveryOutcome.AlreadySent, entry.ConversationId, entry.ActivityId)
            : await DeliverAsync(tenantId, personId, entry, fallbackServiceUrl, person, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers a message recorded under <paramref name="key"/> for the person, unless it was sent meanwhile.</summary>
    public async Task<Delivery> DeliverRecordedAsync(string tenantId, string personId, string key, string? fallbackServiceUrl, CancellationToken cancellationToken)
    {
        var entry = await _outbox.GetAsync(tenantId, personId, key, cancellationToken).ConfigureAwait(false);
        return entry is null || entry.Status == Outbox.Sent
            ? new Delivery(DeliveryOutcome.AlreadySent, entry?.ConversationId, entry?.ActivityId)
            : await DeliverAsync(tenantId, personId, entry, fallbackServiceUrl, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers a message recorded under <paramref name="key"/> for the conversation, unless it was sent meanwhile.</summary>
    public async Task<Delivery> DeliverRecordedAsync(string tenantId, ConversationReference conversation, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var entry = await _outbox.GetAsync(tenantId, ConversationOutbox(conversation.ConversationId), key, cancellationToken).ConfigureAwait(false);
        if (entry is null || entry.Status == Outbox.Sent)
        {
            return new Delivery(DeliveryOutcome.AlreadySent, entry?.ConversationId, entry?.ActivityId);
        }

        return await SendOnceAsync(entry, tenantId, conversation.ServiceUrl, conversation.ConversationId, toPersonalChat: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers what was waiting for the person, e.g. once they installed the app.</summary>
    public async Task<int> DeliverWaitingAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        var waiting = await _outbox.WaitingForAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
        if (waiting.MarkedUnreachable)
        {
            // Called when the person (re)installed the app: reachable again.
            await ClearUnreachableAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
        }

        var delivered = 0;
        foreach (var entry in waiting.Entries)
        {
            var result = await DeliverAsync(tenantId, personId, entry, null, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == DeliveryOutcome.Sent)
            {
                delivered++;
            }
            else if (result.Outcome == DeliveryOutcome.WaitingForInstall)
            {
                break;
            }
        }

        return delivered;
    }

    /// <summary>Sends a message to a conversation the bot is in (a pair chat or a channel), once for the key.</summary>
    public async Task<Delivery> SendToConversationAsync(
        string tenantId, ConversationReference conversation, string key, Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var turn = TurnScope.Current;
        var entry = await _outbox.AddAsync(tenantId, ConversationOutbox(conversation.ConversationId), key, message, claimed: turn is null, cancellationToken)
            .ConfigureAwait(false);
        if (entry.Status == Outbox.Sent)
        {
            return new Delivery(DeliveryOutcome.AlreadySent, entry.ConversationId, entry.ActivityId);
        }

        if (turn is not null)
        {
            turn.RunAfter(OutboxDeliveryJob.ToConversation(tenantId, conversation, key));
            return new Delivery(DeliveryOutcome.AfterAnswer, null, null);
        }

        return await SendOnceAsync(entry, tenantId, conversation.ServiceUrl, conversation.ConversationId, toPersonalChat: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the messages to a conversation (not a person) are kept in the outbox.</summary>
    private static string ConversationOutbox(string conversationId) => "conversation:" + conversationId;

    /// <summary>The person removed the app; returns when that was first noted (the same until they add it again).</summary>
    /// <remarks>
    /// The outbox's mark is the record (a person's waiting messages are read with it); the note on their reference row
    /// lets a send learn it with their address. The mark is written first and removed last, so a crash between the two
    /// writes never leaves the note without the mark; a redelivery of the removal writes the note again.
    /// </remarks>
    public async Task<DateTimeOffset> MarkUnreachableAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        var since = await _outbox.MarkUnreachableAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
        await _references.SetAppRemovedAsync(personId, tenantId, cancellationToken).ConfigureAwait(false);
        return since;
    }

    private async Task ClearUnreachableAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        await _references.ClearAppRemovedAsync(personId, cancellationToken).ConfigureAwait(false);
        await _outbox.ClearUnreachableAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Delivery> DeliverAsync(string tenantId, string personId, OutboxEntry entry, string? fallbackServiceUrl, CancellationToken cancellationToken) =>
        await DeliverAsync(tenantId, personId, entry, fallbackServiceUrl, await ReadPersonAsync(tenantId, personId, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Whether the person removed the app and, if not, how to reach them: one read, no call to the channel.</summary>
    private async Task<PersonRead> ReadPersonAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        var reference = await _references.FindUserAsync(personId, cancellationToken).ConfigureAwait(false);
        var unreachable = reference?.AppRemovedIn == tenantId;
        return new PersonRead(unreachable, unreachable ? null : reference);
    }

    private async Task<Delivery> DeliverAsync(
        string tenantId, string personId, OutboxEntry entry, string? fallbackServiceUrl, PersonRead person, CancellationToken cancellationToken)
    {
        var known = person.Reference;
        if (person.Unreachable)
        {
            if (!await _outbox.IsUnreachableAsync(tenantId, personId, cancellationToken).ConfigureAwait(false))
            {
                // The note without the mark it copies (a reinstall cleared the mark while the note was being copied): the
                // mark is the record, so the person is reachable and the stale note goes.
                await _references.ClearAppRemovedAsync(personId, cancellationToken).ConfigureAwait(false);
            }
            else if (!await TryReinstallAsync(tenantId, personId, cancellationToken).ConfigureAwait(false))
            {
                // They removed the app: every send would be a 403. The message waits until they add it again.
                return new Delivery(DeliveryOutcome.WaitingForInstall, null, null);
            }

            known = await _references.FindUserAsync(personId, cancellationToken).ConfigureAwait(false);
        }

        var chat = await PersonalChatAsync(tenantId, personId, known, fallbackServiceUrl, cancellationToken).ConfigureAwait(false);
        return chat is null
            ? new Delivery(DeliveryOutcome.WaitingForInstall, null, null)
            : await SendOnceAsync(entry, tenantId, chat.Value.ServiceUrl, chat.Value.ConversationId, toPersonalChat: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What storage says of a person before a send: whether they removed the app, and how to reach them.</summary>
    private sealed record PersonRead(bool Unreachable, UserReference? Reference);

    /// <summary>Sends an entry this sender recorded claimed, or one it can claim now; nothing when another sender has it.</summary>
    private async Task<Delivery> SendOnceAsync(
        OutboxEntry entry, string tenantId, string serviceUrl, string conversationId, bool toPersonalChat, CancellationToken cancellationToken)
    {
        var claimed = entry.IsNew && entry.Status != Outbox.Pending ? entry : await _outbox.TryClaimAsync(entry, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            // Another instance is sending it, or already did.
            return new Delivery(DeliveryOutcome.AlreadySent, null, null);
        }

        return await SendClaimedAsync(claimed, tenantId, serviceUrl, conversationId, toPersonalChat, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="toPersonalChat">
    /// A message to a person: the row, in the person's partition, does not record the chat it went to, which is always
    /// their personal chat (kept by <see cref="ConversationReferenceStore"/>). Recording it would add an identifier to
    /// the row and cost two row-index requests per message, and nothing reads it back: card updates after a send use
    /// the <see cref="Delivery"/> returned here.
    /// </param>
    private async Task<Delivery> SendClaimedAsync(
        OutboxEntry claimed, string tenantId, string serviceUrl, string conversationId, bool toPersonalChat, CancellationToken cancellationToken)
    {
        try
        {
            var message = claimed.Message;
            // The conversation's tenant, as a continuation activity carries it (protocol.md D1): the pacer counts the send in
            // that tenant's one budget, where the turn replies to its people count too.
            message.Conversation = new ConversationAccount { Id = conversationId, TenantId = tenantId };
            AlertInActivityFeed(message);
            var sent = await _connector.SendAsync(serviceUrl, conversationId, message, cancellationToken).ConfigureAwait(false);
            await _outbox.MarkAsync(claimed, Outbox.Sent, toPersonalChat ? null : conversationId, sent?.Id, cancellationToken).ConfigureAwait(false);
            return new Delivery(DeliveryOutcome.Sent, conversationId, sent?.Id);
        }
        catch (ConnectorException ex) when (ex.IsPermanent)
        {
            // Blocked or uninstalled since: keep the message until the person can be reached again.
            LogUndeliverable(ex.StatusCode.ToString(), ex.ErrorCode);
            await _outbox.MarkAsync(claimed, Outbox.Pending, null, null, CancellationToken.None).ConfigureAwait(false);
            return new Delivery(DeliveryOutcome.WaitingForInstall, null, null);
        }
        catch (ConnectorException ex) when (ex.IsTokenRefused)
        {
            // The channel refused the bot's own token, a fresh one included: nothing to do with the person. The operator
            // must fix the credential; the message stays pending and the job that sent it is retried.
            LogTokenRefused(ex.ErrorCode);
            MentorBotTelemetry.SendFailed("token_refused");
            await _outbox.MarkAsync(claimed, Outbox.Pending, null, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch
        {
            // A transient failure after retries: give the entry back for the next attempt.
            await _outbox.MarkAsync(claimed, Outbox.Pending, null, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Proactive messages are nudges (check-ins, reminders, alerts): Teams puts a bot message in the activity feed only
    /// when channelData.notification.alert is true (botbuilder-dotnet TeamsActivityExtensions.TeamsNotifyUser sets it).
    /// </summary>
    private static void AlertInActivityFeed(Activity message)
    {
        message.ChannelData ??= new TeamsChannelData();
        message.ChannelData.ExtensionData ??= new Dictionary<string, System.Text.Json.JsonElement>();
        message.ChannelData.ExtensionData["notification"] = System.Text.Json.JsonSerializer.SerializeToElement(new { alert = true });
    }

    /// <summary>
    /// Once per removal, when a message for them comes due (not at the moment they removed it, which would undo their
    /// own action at once), the app is added back through Graph where the tenant permits it.
    /// </summary>
    private async Task<bool> TryReinstallAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        if (!_settings.ReinstallAfterRemoval
            || !await _outbox.TryTakeReinstallAttemptAsync(tenantId, personId, cancellationToken).ConfigureAwait(false)
            || !await _installer.InstallForUserAsync(personId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        LogReinstalled();
        await ClearUnreachableAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The person's personal chat with the bot, opened if needed; null when the app is not installed for them.</summary>
    private async Task<(string ServiceUrl, string ConversationId)?> PersonalChatAsync(
        string tenantId, string personId, UserReference? known, string? fallbackServiceUrl, CancellationToken cancellationToken)
    {
        var serviceUrl = known?.ServiceUrl ?? fallbackServiceUrl ?? DefaultServiceUrl;
        if (known?.PersonalConversationId is { } existing)
        {
            return (serviceUrl, existing);
        }

        var botId = known?.BotId ?? (_settings.AppId is null ? null : "28:" + _settings.AppId);
        var created = await TryCreateAsync(serviceUrl, tenantId, known?.TeamsUserId ?? personId, botId, cancellationToken).ConfigureAwait(false);
        if (created is null && await _installer.InstallForUserAsync(personId, cancellationToken).ConfigureAwait(false))
        {
            created = await TryCreateAsync(serviceUrl, tenantId, personId, botId, cancellationToken).ConfigureAwait(false);
        }

        if (created is null)
        {
            return null;
        }

        await _references.SetPersonalConversationAsync(personId, created, cancellationToken).ConfigureAwait(false);
        return (serviceUrl, created);
    }

    private async Task<string?> TryCreateAsync(string serviceUrl, string tenantId, string memberId, string? botId, CancellationToken cancellationToken)
    {
        try
        {
            var created = await _connector.CreatePersonalConversationAsync(serviceUrl, tenantId, memberId, botId, cancellationToken).ConfigureAwait(false);
            return created?.Id;
        }
        catch (ConnectorException ex) when (ex.IsPermanent)
        {
            // 403 "Bot isn't installed in user's personal scope", or the user is unknown to Teams.
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The channel refused the bot's token even after a fresh one ({ErrorCode}): check MicrosoftAppId and its credential; the message is kept and retried")]
    private partial void LogTokenRefused(string? errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "MentorBot was added back through Graph for someone who had removed it, as a message for them came due")]
    private partial void LogReinstalled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A proactive message could not be delivered ({Status} {ErrorCode}); it waits for the next chance")]
    private partial void LogUndeliverable(string status, string? errorCode);
}

public enum DeliveryOutcome
{
    Sent,
    AlreadySent,
    WaitingForInstall,

    /// <summary>Recorded while a turn was being handled: it is delivered after the turn's answer.</summary>
    AfterAnswer,
}

public sealed record Delivery(DeliveryOutcome Outcome, string? ConversationId, string? ActivityId);
