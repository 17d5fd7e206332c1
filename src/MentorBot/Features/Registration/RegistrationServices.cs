using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Registration;

public static class RegistrationServices
{
    /// <summary>Registering pairs (card, CSV, command) and cohorts, by coordinators.</summary>
    public static IServiceCollection AddRegistration(this IServiceCollection services) => services;
}
