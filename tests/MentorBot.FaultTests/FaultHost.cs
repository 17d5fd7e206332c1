using MentorBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.FaultTests;

/// <summary>The real service in a test server, configured only through its settings (jobs off: tests drive the work).</summary>
internal sealed class FaultHost : WebApplicationFactory<Program>
{
    public const string AppId = "6b1f0c34-8d2a-4e7b-9c5d-1a2b3c4d5e6f";
    public const string TenantId = "2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f";

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;

    public FaultHost(IReadOnlyDictionary<string, string> settings, TimeProvider? clock = null)
    {
        _settings = settings;
        _clock = clock;
    }

    public static Dictionary<string, string> Settings(TeamsChannelStandIn channel, string connectionString, string tablePrefix) => new()
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppTenantId"] = TenantId,
        ["MicrosoftAppType"] = "SingleTenant",
        ["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
        ["ToBotFromEntraOpenIdMetadataUrl"] = channel.EntraMetadataUrlTemplate,
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:TablePrefix"] = tablePrefix,
        ["Teams:AllowedTenantIds"] = TenantId,
        ["Graph:BaseUrl"] = "http://127.0.0.1:9/v1.0",
        ["Jobs:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        if (_clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_clock));
        }
    }
}
