using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Escalations;
using MentorBot.Features.Cadence;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Closure;
using MentorBot.Features.DataRights;
using MentorBot.Features.Expectations;
using MentorBot.Features.Help;
using MentorBot.Features.Lifecycle;
using MentorBot.Features.Matching;
using MentorBot.Features.MentorCohorts;
using MentorBot.Features.Reports;
using MentorBot.Features.Meetings;
using MentorBot.Features.Registration;
using MentorBot.Features.Rematch;
using MentorBot.Features.PairHealth;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Features.Programs;
using MentorBot.Features.Welcome;
using MentorBot.Infrastructure.Graph;
using MentorBot.Infrastructure.Pacing;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Graph;

namespace MentorBot.Hosting;

public static class MentorBotServiceCollectionExtensions
{
    /// <summary>Everything the bot needs: the protocol layer, storage, conversations and the features.</summary>
    public static IServiceCollection AddMentorBot(this IServiceCollection services, BotSettings settings, IConfiguration configuration)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);

        AddProtocol(services, settings);
        AddStorage(services, settings);
        AddConversations(services, configuration);
        AddBackgroundJobs(services, configuration);
        AddFeatures(services, configuration);

        services.AddSingleton(_ => GraphClientSetup.Create(settings));
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return services;
    }

    private static void AddProtocol(IServiceCollection services, BotSettings settings)
    {
        var authentication = new ChannelAuthenticationOptions
        {
            AppId = settings.AppId,
            TenantId = settings.AppTenantId,
            BotFrameworkMetadataUrl = settings.ChannelOpenIdMetadataUrl,
            BotFrameworkIssuer = settings.ChannelTokenIssuer,
            EntraMetadataUrlTemplate = settings.EntraOpenIdMetadataUrl,
        };
        authentication.AllowedCallers.UnionWith(settings.AllowedCallers);
        var endpoint = new BotEndpointOptions
        {
            ConnectorRequestsPerSecond = settings.ConnectorRequestsPerSecond,
            ServiceUrls = new ServiceUrlPolicy(settings.ServiceUrlHosts, settings.AllowLoopbackServiceUrls),
        };
        endpoint.AllowedTenantIds.UnionWith(settings.AllowedTenantIds);
        endpoint.AllowedChannelIds.Clear();
        endpoint.AllowedChannelIds.UnionWith(settings.AllowedChannelIds);

        services.AddBotProtocol(authentication, endpoint);
        if (BotCredentials.ForChannel(settings) is { } credential)
        {
            services.AddSingleton<IBotTokenProvider>(sp =>
                new CredentialBotTokenProvider(credential, settings.ChannelOAuthScope, TimeProvider.System));
        }

        services.AddSingleton<IActivityProcessor, ActivityPipeline>();
    }

    private static void AddStorage(IServiceCollection services, BotSettings settings)
    {
        services.AddSingleton(new TableServiceClient(settings.StorageConnectionString));
        services.AddSingleton(sp => new TableStorage(sp.GetRequiredService<TableServiceClient>(), settings.TablePrefix));
        services.AddHostedService<StorageInitializer>();

        // Instead of the protocol layer's in-process defaults: all instances share 429 pauses and the tenant limit.
        services.AddSingleton<TablePauseMarkers>();
        services.Replace(ServiceDescriptor.Singleton<IThrottleMarkerStore>(sp => sp.GetRequiredService<TablePauseMarkers>()));
        services.AddSingleton<LiveInstanceCount>();
        services.Replace(ServiceDescriptor.Singleton<IInstanceShare>(sp => sp.GetRequiredService<LiveInstanceCount>()));
        services.AddHostedService<InstanceHeartbeat>();
    }

    private static void AddConversations(IServiceCollection services, IConfiguration configuration)
    {
        // Innermost on the connector: sees each attempt, and knows whether a turn is still being handled.
        var refuseSendsInsideTurns = configuration.GetValue<bool>("Conversations:RefuseSendsInsideTurns");
        services.AddHttpClient(ConnectorClient.HttpClientName).AddHttpMessageHandler(sp =>
            new SendsInsideTurnGuard(refuseSendsInsideTurns, sp.GetRequiredService<ILogger<SendsInsideTurnGuard>>()));
        services.AddSingleton<ActivityRecords>();
        services.AddSingleton<InvokeAnswerStore>();
        services.AddSingleton<IJobHandler, ForgetInvokeAnswersJob>();
        services.AddSingleton<IJobHandler, InboundLedgerLayoutMigration>();
        services.AddSingleton<IJobHandler, RemovedAppNotesMigration>();
        services.AddSingleton<InboundActivityLedger>();
        services.AddSingleton<ConversationReferenceStore>();
        services.AddSingleton<SendLedger>();
        services.AddSingleton<DialogStateStore>();
        services.AddSingleton<DialogEngine>();
        services.AddSingleton<CommandRouter>();
        services.AddSingleton<TurnRouter>();
        services.AddSingleton<HeavyCommandLimiter>();
        services.AddSingleton<TurnReplySender>();
        services.AddSingleton<PendingReplyStore>();
        services.AddSingleton<TurnReplyDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnReplyDelivery>());
        services.AddSingleton<Outbox>();
        services.AddSingleton<ProactiveMessenger>();
        services.AddSingleton<FollowUps>();
        services.AddSingleton<IJobHandler, OutboxDeliveryJob>();
        services.AddSingleton<IJobHandler, DeliverWaitingJob>();
    }

    private static void AddBackgroundJobs(IServiceCollection services, IConfiguration configuration)
    {
        var enabled = !string.Equals(configuration["Jobs:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
        var seconds = int.TryParse(configuration["Jobs:PollSeconds"], out var s) && s > 0 ? s : 15;
        var concurrency = int.TryParse(configuration["Jobs:Concurrency"], out var c) && c is > 0 and <= 64 ? c : 8;
        services.AddSingleton(new JobOptions(enabled, TimeSpan.FromSeconds(seconds), concurrency));
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService<JobWorker>();
    }

    private static void AddFeatures(IServiceCollection services, IConfiguration configuration)
    {
        var coordinators = new CoordinatorOptions();
        foreach (var (key, target) in new[] { ("Coordinators:UserIds", coordinators.UserIds), ("Coordinators:GroupIds", coordinators.GroupIds) })
        {
            foreach (var id in BotSettings.ReadList(configuration, key))
            {
                target.Add(Guid.TryParse(id, out _) ? id : throw new SettingsException(key, $"'{id}' is not an Entra object id (a GUID)."));
            }
        }

        services.AddSingleton(coordinators);
        services.AddSingleton<CoordinatorDirectory>();
        services.AddSingleton<ITurnAccess, ProgramAccess>();
        services.AddSingleton<ProgramStore>();
        services.AddSingleton<CoordinatorsChannelMembers>();
        services.AddSingleton<ICommand, SetupCommand>();
        services.AddSingleton<ICommand, CoordinatorsCommand>();
        services.AddSingleton<ICardActionHandler, MoveProgramAction>();
        services.AddSingleton<ICommand, SettingsCommand>();

        services.AddSingleton<AlertStore>();
        services.AddSingleton<EscalationAlerts>();
        services.AddSingleton<IJobHandler, AlertPostJob>();
        services.AddSingleton<ICardActionHandler, AlertActions>();
        services.AddSingleton<ICardActionHandler, AlertView>();
        services.AddSingleton<ICommand, AlertsCommand>();

        services.AddSingleton<ICommand, HelpCommand>();
        services.AddSingleton<ICommand, GreetingCommand>();
        services.AddSingleton<ICardActionHandler, ShowHelpButton>();
        services.AddSingleton<IConversationUpdateHandler, WelcomeOnInstall>();
        services.AddSingleton<IConversationUpdateHandler, DeliverWaitingOnInstall>();
        services.AddSingleton<IConversationUpdateHandler, UnreachableAfterUninstall>();

        services.AddSingleton<PeopleDirectory>();
        services.AddSingleton<TeamsAppInstaller>();
        services.AddSingleton<TeamsMeetingScheduler>();
        services.AddSingleton<PairStore>();
        services.AddSingleton<CohortStore>();
        services.AddSingleton<PairRegistration>();
        services.AddSingleton<IJobHandler, PairStartJob>();
        services.AddSingleton<IConversationUpdateHandler, PairChatLink>();

        services.AddRegistration();
        services.AddExpectations();
        services.AddMeetings();
        services.AddCheckIns();
        services.AddCadence();
        services.AddPairHealth();
        services.AddMentorCohorts();
        services.AddReports();
        services.AddDataRights();
        services.AddClosure();
        services.AddRematch();
        services.AddLifecycle();
        services.AddMatching();
    }
}
