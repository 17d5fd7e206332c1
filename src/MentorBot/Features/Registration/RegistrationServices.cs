using MentorBot.Conversations;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MentorBot.Features.Registration;

public static class RegistrationServices
{
    /// <summary>Registering pairs (card, CSV, command) and cohorts, by coordinators.</summary>
    public static IServiceCollection AddRegistration(this IServiceCollection services)
    {
        services.AddSingleton<ICommand, CohortCommand>();
        services.AddSingleton<ICommand, CohortsCommand>();
        services.AddSingleton<ICardActionHandler, SaveCohortAction>();

        services.AddSingleton<MentionResolver>();
        services.AddSingleton<ICommand, RegisterCommand>();
        services.AddSingleton<ICardActionHandler, RegisterPairAction>();

        services.AddSingleton<ImportLedger>();
        services.AddSingleton<PairImport>();
        services.AddSingleton<IJobHandler, PairImportJob>();
        services.AddSingleton<IAttachmentHandler>(sp => sp.GetRequiredService<PairImport>());
        services.AddSingleton<FileDownloader>();
        services.AddHttpClient(FileDownloader.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            // A pre-authorised download URL answers with the file; a redirect could only lead somewhere we did not check.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddResilienceHandler("teams-file-download", builder =>
            {
                // The standard handler's strategies, on physical time: the pipeline would otherwise take the application's
                // TimeProvider, which schedules may replace (tests do), and network waits are real waits (as for the connector).
                builder.TimeProvider = TimeProvider.System;
                builder.AddTimeout(TimeSpan.FromSeconds(30));
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    // A pre-authorised link is short-lived: a few quick attempts, then tell the coordinator.
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(500),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                builder.AddTimeout(TimeSpan.FromSeconds(10));
            });
        return services;
    }
}
