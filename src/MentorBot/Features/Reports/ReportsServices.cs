using MentorBot.Conversations;
using MentorBot.Features.Lifecycle;
using MentorBot.Features.MentorCohorts;
using MentorBot.Features.Reports.Downloads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Features.Reports;

public static class ReportsServices
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportSettings>().BindConfiguration("Reports");
        services.AddMentorCohorts();
        services.TryAddSingleton<LifecycleStore>();
        services.TryAddSingleton<ReportData>();
        services.TryAddSingleton<DownloadStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, ReportCommand>());
        return services;
    }
}
