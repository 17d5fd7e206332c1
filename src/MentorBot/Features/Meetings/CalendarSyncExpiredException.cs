namespace MentorBot.Features.Meetings;

/// <summary>Graph no longer knows the stored delta position (410 Gone, syncStateNotFound, resyncRequired): read the window in full.</summary>
public sealed class CalendarSyncExpiredException : Exception
{
    public CalendarSyncExpiredException()
    {
    }

    public CalendarSyncExpiredException(string message)
        : base(message)
    {
    }

    public CalendarSyncExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
