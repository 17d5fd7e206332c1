using Azure;

namespace MentorBot.Infrastructure.Storage;

/// <summary>How the Table service says "someone else wrote first".</summary>
public static class StorageConflict
{
    /// <summary>412: the ETag we read is no longer current.</summary>
    public static bool IsStale(RequestFailedException ex) => ex.Status == 412;

    /// <summary>409: an entity with that key already exists.</summary>
    public static bool IsDuplicate(RequestFailedException ex) => ex.Status == 409;

    public static bool IsNotFound(RequestFailedException ex) => ex.Status == 404;
}
