using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Cadence;

public static class CadenceServices
{
    /// <summary>Watching the agreed rhythm of meetings: nudges, then an alert.</summary>
    public static IServiceCollection AddCadence(this IServiceCollection services)
    {
        services.AddSingleton<IJobHandler, CadenceWatchJob>();
        services.AddSingleton<IPairStartHandler, CadenceOnPairStart>();
        return services;
    }
}
