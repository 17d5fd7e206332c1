using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Closure;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Features.Lifecycle;

public static class LifecycleServices
{
    /// <summary>Phases and their redesign cards, the facilitated midpoint, "end or continue?" and the shared closure card. Safe to call twice.</summary>
    public static IServiceCollection AddLifecycle(this IServiceCollection services)
    {
        services.TryAddSingleton(new LifecycleSettings());
        services.TryAddSingleton<LifecycleStore>();
        services.TryAddSingleton<PairMessages>();
        services.TryAddSingleton<MidpointCoordinator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, MidpointAlertJob>());
        services.TryAddSingleton<EndOrContinueAsker>();
        services.TryAddSingleton<EndOrContinueDecision>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, LifecycleDailyJob>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPairStartHandler, LifecycleOnPairStart>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPairClosedHandler, SharedClosureOnPairClosed>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Dialog, MidpointReflectionDialog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Dialog, EndOrContinueDialog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, RedesignActions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, MidpointNoAction>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, NewPlannedEndAction>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, MidpointScheduleAction>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, EndOrContinueCommand>());
        return services;
    }
}
