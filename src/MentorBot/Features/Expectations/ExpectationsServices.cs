using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Expectations;

public static class ExpectationsServices
{
    /// <summary>The expectations conversation, misalignment, the agreement, reminders and the overdue alert.</summary>
    public static IServiceCollection AddExpectations(this IServiceCollection services) => services;
}
