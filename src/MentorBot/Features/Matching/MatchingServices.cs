using MentorBot.Conversations;
using MentorBot.Features.Closure;
using MentorBot.Infrastructure.Graph;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Features.Matching;

public static class MatchingServices
{
    /// <summary>Profiles, suggestions, cohort matching and learning from outcomes. Safe to call twice.</summary>
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.TryAddSingleton<WorkDirectory>();
        services.TryAddSingleton<MatchProfileStore>();
        services.TryAddSingleton<CohortRosterStore>();
        services.TryAddSingleton<MatchExclusionStore>();
        services.TryAddSingleton<CohortProposalStore>();
        services.TryAddSingleton<MatchProfiles>();
        services.TryAddSingleton<MatchEligibility>();
        services.TryAddSingleton<ProgramMatchWeights>();
        services.TryAddSingleton<MatchSuggestions>();
        services.TryAddSingleton<CohortMatching>();
        services.TryAddSingleton<NamedPeople>();
        services.TryAddSingleton<ProfileQuestions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, SuggestCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, EnrollCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, ProfileQuestionsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, MatchCohortCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, ExcludeCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommand, MatchReportCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, SuggestionConfirm>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, CohortMatchConfirm>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, ProfileAnswerAction>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPairClosedHandler, SuggestAfterPairClosed>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, SuggestionJob>());
        return services;
    }
}
