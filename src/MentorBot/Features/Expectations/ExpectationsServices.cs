using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Expectations;

public static class ExpectationsServices
{
    /// <summary>The expectations conversation, misalignment, the agreement, reminders and the overdue alert.</summary>
    public static IServiceCollection AddExpectations(this IServiceCollection services)
    {
        services.AddSingleton<ExpectationsStore>();
        services.AddSingleton<AgreementStore>();
        services.AddSingleton<AgreementPublisher>();
        services.AddSingleton<ExpectationsAnswered>();
        services.AddSingleton<ExpectationsDialog>();
        services.AddSingleton<Dialog>(sp => sp.GetRequiredService<ExpectationsDialog>());
        services.AddSingleton<ExpectationsStarter>();
        services.AddSingleton<PairOfSender>();

        services.AddSingleton<IPairStartHandler, ExpectationsOnPairStart>();
        services.AddSingleton<ICardActionHandler, AgreementActions>();
        services.AddSingleton<ICommand, AgreementCommand>();
        services.AddSingleton<ICommand, ReviseCommand>();
        services.AddSingleton<IJobHandler, ExpectationsStartJob>();
        services.AddSingleton<IJobHandler, ExpectationsReminderJob>();
        services.AddSingleton<IJobHandler, ExpectationsOverdueJob>();
        services.AddSingleton<IJobHandler, AgreementConfirmedJob>();
        services.AddSingleton<IJobHandler, AgreementShareJob>();
        return services;
    }
}
