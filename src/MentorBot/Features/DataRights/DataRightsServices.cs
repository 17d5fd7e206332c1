using MentorBot.Conversations;
using MentorBot.Features.Registration;
using MentorBot.Features.Reports.Downloads;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MentorBot.Features.DataRights;

public static class DataRightsServices
{
    /// <summary>"my data", "erase" with its confirmation, and the daily retention of closed pairs. Safe to call twice.</summary>
    public static IServiceCollection AddDataRights(this IServiceCollection services)
    {
        services.AddOptions<RetentionSettings>().BindConfiguration("Retention");
        services.AddOptions<Reports.ReportSettings>().BindConfiguration("Reports");
        services.TryAddSingleton<DownloadStore>();
        services.TryAddSingleton<MentionResolver>();
        services.TryAddSingleton<StoredRows>();
        services.TryAddSingleton<PersonScopes>();
        services.TryAddSingleton<ErasablePeople>();
        services.TryAddSingleton<PersonalDataExport>();
        services.TryAddSingleton<PersonEraser>();
        services.TryAddSingleton<RetentionPurge>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, MyDataCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, EraseCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, EraseActions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, RetentionJob>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RetentionStarter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, StoredWordsMigration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, RowIndexMigration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, RowIndexLayoutMigration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StoredWordsMigrationStarter>());
        return services;
    }
}
