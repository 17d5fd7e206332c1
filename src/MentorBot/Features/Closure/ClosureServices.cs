using MentorBot.Conversations.Dialogs;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Closure;

public static class ClosureServices
{
    /// <summary>Closing a pair, the private end reflection and the outcome questions.</summary>
    public static IServiceCollection AddClosure(this IServiceCollection services)
    {
        services.AddSingleton<OutcomeStore>();
        services.AddSingleton<PairClosure>();
        services.AddSingleton<Dialog, ClosureReflectionDialog>();
        return services;
    }
}
