using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Conversations.Dialogs;

/// <summary>
/// Dialog state in Table Storage, one row per conversation and user. Every write carries the ETag that was read,
/// so two instances handling the same conversation cannot overwrite each other: the loser re-runs its turn.
/// </summary>
public sealed class DialogStateStore
{
    private readonly TableClient _table;

    public DialogStateStore(TableStorage storage)
    {
        _table = storage.Table(TableNames.DialogStates);
    }

    public async Task<StoredDialog?> GetAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(conversationId), TableKey.Escape(userId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!response.HasValue || response.Value is null)
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<DialogState>(response.Value.GetString("State") ?? "{}") ?? new DialogState();
        return new StoredDialog(state, response.Value.ETag);
    }

    /// <summary>Writes the state; <paramref name="etag"/> null means "there was none", so an existing row is a conflict.</summary>
    public async Task<ETag> SaveAsync(string conversationId, string userId, DialogState state, ETag? etag, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKey.Escape(conversationId), TableKey.Escape(userId))
        {
            ["DialogId"] = state.DialogId,
            ["State"] = JsonSerializer.Serialize(state),
        };

        try
        {
            var response = etag is { } current
                ? await _table.UpdateEntityAsync(entity, current, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex) || StorageConflict.IsDuplicate(ex) || StorageConflict.IsNotFound(ex))
        {
            throw new ConcurrentUpdateException("The dialog state changed while this turn was handled.", ex);
        }
    }

    public async Task DeleteAsync(string conversationId, string userId, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(TableKey.Escape(conversationId), TableKey.Escape(userId), etag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsStale(ex))
        {
            throw new ConcurrentUpdateException("The dialog state changed while this turn was handled.", ex);
        }
    }
}

public sealed record StoredDialog(DialogState State, ETag ETag);
