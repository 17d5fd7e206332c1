using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Features.Rematch;

public static class RematchServices
{
    /// <summary>Private rematch requests, the coordinators' decisions and "do not pair again". Safe to call twice.</summary>
    public static IServiceCollection AddRematch(this IServiceCollection services)
    {
        services.TryAddSingleton<RematchRequestStore>();
        services.TryAddSingleton<RematchHistory>();
        services.TryAddSingleton<RematchCoordinatorThread>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MentorBot.Infrastructure.Jobs.IJobHandler, RematchThreadJob>());
        services.TryAddSingleton<RematchSubmission>();
        services.TryAddSingleton<RematchWithdrawal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, RematchCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Dialog, RematchRequestDialog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, RematchDecisions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, RematchView>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, RematchWithdrawal>(sp => sp.GetRequiredService<RematchWithdrawal>()));
        return services;
    }
}
