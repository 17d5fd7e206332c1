using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// Where the bot can reach people and conversations later (proactive messages): every user it meets, with their
/// personal chat when known, and every group chat and channel it is in. Unchanged references are not rewritten.
/// </summary>
public sealed class ConversationReferenceStore
{
    public const string UserPartition = "user";
    public const string ConversationPartition = "conversation";

    private const int MaxRemembered = 10_000;

    // The tenant the person removed the app in, or empty: a merge cannot remove a column, so clearing writes it empty.
    private const string AppRemovedColumn = "AppRemovedIn";

    private readonly TableClient _table;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _lastWritten = new(StringComparer.Ordinal);

    public ConversationReferenceStore(TableStorage storage)
    {
        _table = storage.Table(TableNames.ConversationReferences);
    }

    /// <summary>Remembers the sender and the conversation of an incoming activity.</summary>
    public async Task RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        var reference = ConversationReference.From(activity);
        if (reference is null)
        {
            return;
        }

        var isPersonal = activity.Conversation?.ConversationType is null or ConversationTypes.Personal;
        var user = activity.From;
        if (!string.IsNullOrEmpty(user?.AadObjectId))
        {
            var entity = new TableEntity(UserPartition, TableKey.Escape(user.AadObjectId))
            {
                ["ServiceUrl"] = reference.ServiceUrl,
                ["TenantId"] = reference.TenantId,
                ["TeamsUserId"] = user.Id,
                ["Name"] = user.Name,
                ["BotId"] = reference.BotId,
                // The time zone of the person's Teams client, so prompts respect their night, not only the program's.
                ["TimeZone"] = KnownTimeZone(ClientInfo.From(activity)?.TimeZone),
            };
            if (isPersonal)
            {
                entity["PersonalConversationId"] = reference.ConversationId;
            }

            await UpsertIfChangedAsync(entity, cancellationToken).ConfigureAwait(false);
        }

        if (!isPersonal)
        {
            var entity = new TableEntity(ConversationPartition, TableKey.Escape(reference.ConversationId))
            {
                ["ServiceUrl"] = reference.ServiceUrl,
                ["TenantId"] = reference.TenantId,
                ["ConversationType"] = reference.ConversationType,
                ["TeamId"] = activity.ChannelData?.Team?.Id,
                ["ChannelId"] = activity.ChannelData?.Channel?.Id,
                ["Name"] = activity.Conversation?.Name ?? activity.ChannelData?.Channel?.Name,
                ["BotId"] = reference.BotId,
            };
            await UpsertIfChangedAsync(entity, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<UserReference?> FindUserAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(UserPartition, TableKey.Escape(aadObjectId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!response.HasValue || response.Value is null)
        {
            return null;
        }

        var e = response.Value;
        return new UserReference(
            aadObjectId,
            e.GetString("ServiceUrl"),
            e.GetString("TenantId"),
            e.GetString("TeamsUserId"),
            e.GetString("Name"),
            e.GetString("PersonalConversationId"),
            e.GetString("BotId"),
            e.GetString("TimeZone"))
        {
            AppRemovedIn = e.GetString(AppRemovedColumn) is { Length: > 0 } tenant ? tenant : null,
        };
    }

    /// <summary>
    /// Notes on the person's row that they removed the app in <paramref name="tenantId"/>, so a send reads whether they
    /// can be reached with their address, in one request. Written after the outbox's mark (<see cref="Outbox.MarkUnreachableAsync"/>)
    /// and cleared before it is removed, so this note never outlives the mark.
    /// </summary>
    public async Task SetAppRemovedAsync(string aadObjectId, string tenantId, CancellationToken cancellationToken)
    {
        // Not through the skip of unchanged writes: another instance may have cleared it since this one last wrote it.
        var entity = new TableEntity(UserPartition, TableKey.Escape(aadObjectId)) { [AppRemovedColumn] = tenantId };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The person added the app again (or it was added for them).</summary>
    public async Task ClearAppRemovedAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(UserPartition, TableKey.Escape(aadObjectId)) { [AppRemovedColumn] = string.Empty };
        try
        {
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsNotFound(ex))
        {
            // No row, so nothing noted.
        }
    }

    /// <summary>Records the personal chat opened with a user proactively.</summary>
    public async Task SetPersonalConversationAsync(string aadObjectId, string conversationId, CancellationToken cancellationToken)
    {
        // Often what the pipeline has just remembered from the same activity: then nothing is written.
        var entity = new TableEntity(UserPartition, TableKey.Escape(aadObjectId)) { ["PersonalConversationId"] = conversationId };
        await UpsertIfChangedAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationReference?> FindConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(ConversationPartition, TableKey.Escape(conversationId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!response.HasValue || response.Value is null)
        {
            return null;
        }

        var e = response.Value;
        return new ConversationReference(e.GetString("ServiceUrl"), conversationId, e.GetString("TenantId"), e.GetString("ConversationType"), e.GetString("BotId"));
    }

    /// <summary>An IANA (or Windows) time zone id this machine knows; anything else is not stored.</summary>
    private static string? KnownTimeZone(string? id) =>
        id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : null;

    private async Task UpsertIfChangedAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        foreach (var empty in entity.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            entity.Remove(empty);
        }

        var key = entity.PartitionKey + "/" + entity.RowKey;
        var values = entity.Where(p => p.Key is not "PartitionKey" and not "RowKey")
            .ToDictionary(p => p.Key, p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
        _lastWritten.TryGetValue(key, out var last);
        // A merge changes only the properties it carries: an activity that carries fewer (an install event has no
        // client time zone) but agrees on those changes nothing.
        if (last is not null && values.All(v => last.TryGetValue(v.Key, out var was) && was == v.Value))
        {
            return;
        }

        // Merge keeps what other writes added (e.g. the personal conversation found from a channel message).
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        if (_lastWritten.Count >= MaxRemembered)
        {
            // A bound on memory: forgetting only costs a redundant write later.
            _lastWritten.Clear();
        }

        var merged = last is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(last, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            merged[name] = value;
        }

        _lastWritten[key] = merged;
    }
}

public sealed record UserReference(
    string AadObjectId,
    string? ServiceUrl,
    string? TenantId,
    string? TeamsUserId,
    string? Name,
    string? PersonalConversationId,
    string? BotId,
    string? TimeZone)
{
    /// <summary>The tenant the person removed the app in, until they add it again; null while they have it.</summary>
    public string? AppRemovedIn { get; init; }
}
