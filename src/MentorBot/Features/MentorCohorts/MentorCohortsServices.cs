using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Features.MentorCohorts;

public static class MentorCohortsServices
{
    public static IServiceCollection AddMentorCohorts(this IServiceCollection services)
    {
        services.AddOptions<MentorCohortSettings>().BindConfiguration("MentorCohorts");
        services.TryAddSingleton<AccountabilityStore>();
        services.TryAddSingleton<CohortChannelStore>();
        services.TryAddSingleton<BaselineStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPairStartHandler, BaselineOnPairStart>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, BaselineAnswers>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, CohortChannelCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, AccountabilityAnswers>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, MonthlyCycleJob>());
        return services;
    }
}
