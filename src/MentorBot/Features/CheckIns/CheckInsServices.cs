using MentorBot.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.CheckIns;

public static class CheckInsServices
{
    /// <summary>The informal check-in after meetings, its answers and the alerts they raise.</summary>
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddSingleton<CheckInStore>();
        services.AddSingleton<CheckInSender>();
        services.AddSingleton<CheckInPartnerNotice>();
        services.AddSingleton<CheckInEscalation>();
        services.AddSingleton<MentorBot.Infrastructure.Jobs.IJobHandler, CheckInAnswersMigration>();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService, CheckInAnswersMigrationStarter>();
        services.AddSingleton<ICardActionHandler, CheckInAnswers>();
        services.AddSingleton<ICommand, CheckInCommand>();
        services.AddSingleton<MentorBot.Infrastructure.Jobs.IJobHandler, CheckInDueJob>();
        services.AddSingleton<MentorBot.Infrastructure.Jobs.IJobHandler, CheckInAnsweredJob>();
        services.AddSingleton<MentorBot.Infrastructure.Jobs.IJobHandler, PreMeetingNoteJob>();
        return services;
    }
}
