using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Features.MentorCohorts;

public static class MentorCohortsServices
{
    public static IServiceCollection AddMentorCohorts(this IServiceCollection services)
    {
        services.TryAddSingleton<AccountabilityStore>();
        return services;
    }
}
