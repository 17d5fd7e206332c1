using Azure;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Conversations;

/// <summary>
/// One row per message that must be sent at most once, under a deterministic key (e.g. "welcome/{conversation}").
/// A sender reserves the key before sending; a key already reserved means it was sent, or is being sent, elsewhere.
/// </summary>
public sealed class SendLedger
{
    private readonly TableClient _table;
    private readonly TimeProvider _time;

    public SendLedger(TableStorage storage, TimeProvider time)
    {
        _table = storage.Table(TableNames.SendLedger);
        _time = time;
    }

    /// <summary>True when this caller now owns the key and should send; false when it was reserved before.</summary>
    public async Task<bool> TryReserveAsync(string category, string key, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKey.Escape(category), TableKey.Escape(key)) { ["ReservedAt"] = _time.GetUtcNow() };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageConflict.IsDuplicate(ex))
        {
            return false;
        }
    }

    /// <summary>Gives a key back when sending failed before anything reached the person.</summary>
    public async Task ReleaseAsync(string category, string key, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(TableKey.Escape(category), TableKey.Escape(key), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageConflict.IsNotFound(ex))
        {
            // Already gone.
        }
    }
}
