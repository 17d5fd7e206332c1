using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Features.Meetings;

public static class MeetingsServices
{
    /// <summary>Meeting discovery on mentors' calendars, durable scans, and meetings logged by hand. Safe to call twice.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.TryAddSingleton<MeetingStore>();
        services.TryAddSingleton<CalendarSyncStore>();
        services.TryAddSingleton<CalendarReader>();
        services.TryAddSingleton<SeriesMasterCache>();
        services.TryAddSingleton<UnreadableMailboxNotice>();
        services.TryAddSingleton<MeetingLog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, MeetingScanJob>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPairStartHandler, ScanOnPairStart>());
        return services;
    }
}
