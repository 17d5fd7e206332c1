using MentorBot.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.PairHealth;

public static class PairHealthServices
{
    public static IServiceCollection AddPairHealth(this IServiceCollection services)
    {
        services.AddSingleton<PairHealthAssessor>();
        services.AddSingleton<ICommand, PairsCommand>();
        return services;
    }
}
