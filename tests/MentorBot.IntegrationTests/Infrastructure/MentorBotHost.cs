using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Infrastructure;

/// <summary>
/// The real service (Program, all its registrations) in the test server, configured only through its settings,
/// as an operator would configure it. A test may swap the clock and add test-only services.
/// </summary>
public sealed class MentorBotHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;

    public MentorBotHost(IReadOnlyDictionary<string, string> settings, TimeProvider? clock, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _clock = clock;
        _services = services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (_clock is not null)
            {
                services.AddSingleton(_clock);
            }

            _services?.Invoke(services);
        });
    }
}
