using MentorBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Moq;

namespace MentorBot.Tests.Hosting;

public sealed class BotSettingsTests
{
    private const string AppId = "3f1c7a52-2d6e-4c1b-9a8e-0b6f4f0e9d11";
    private const string Tenant = "7d2b8f0e-1c3a-4e5f-8a9b-0c1d2e3f4a5b";

    private static BotSettings Load(string environment, params (string Key, string Value)[] values)
    {
        // Later values win, so a test can start from a valid set and override one key.
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            merged[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        var host = new Mock<IHostEnvironment>();
        host.SetupGet(h => h.EnvironmentName).Returns(environment);
        return BotSettings.Load(configuration, host.Object);
    }

    private static string KeyOfError(string environment, params (string Key, string Value)[] values) =>
        Assert.Throws<SettingsException>(() => Load(environment, values)).Key;

    [Fact]
    public void Development_without_an_app_id_runs_anonymously_on_local_defaults()
    {
        var settings = Load(Environments.Development);

        Assert.True(settings.IsLocalAnonymous);
        Assert.Equal("UseDevelopmentStorage=true", settings.StorageConnectionString);
        Assert.Equal("https://graph.microsoft.com/v1.0", settings.GraphBaseUrl.ToString().TrimEnd('/'));
        Assert.Equal(AppType.SingleTenant, settings.AppType);
    }

    [Fact]
    public void Outside_development_a_missing_app_id_stops_start_up_naming_the_key()
    {
        Assert.Equal("MicrosoftAppId", KeyOfError(Environments.Production));
        Assert.Equal("MicrosoftAppId", KeyOfError("Staging"));
    }

    [Fact]
    public void A_complete_single_tenant_production_configuration_loads_and_serves_its_own_tenant_by_default()
    {
        var settings = Load(Environments.Production,
            ("MicrosoftAppId", AppId), ("MicrosoftAppPassword", "secret"), ("MicrosoftAppTenantId", Tenant), ("MicrosoftAppType", "SingleTenant"));

        Assert.Equal([Tenant], settings.AllowedTenantIds);
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}", settings.ChannelLoginUrl);
    }

    [Theory]
    [InlineData("MicrosoftAppId", "not-a-guid", "MicrosoftAppId")]
    [InlineData("MicrosoftAppType", "Federated", "MicrosoftAppType")]
    [InlineData("Storage:TablePrefix", "mentor-bot", "Storage:TablePrefix")]
    [InlineData("Teams:AllowedTenantIds", "contoso.com", "Teams:AllowedTenantIds")]
    [InlineData("ToBotFromChannelOpenIdMetadataUrl", "http://login.example.com/v1/.well-known/openidconfiguration", "ToBotFromChannelOpenIdMetadataUrl")]
    [InlineData("Graph:BaseUrl", "graph", "Graph:BaseUrl")]
    public void A_malformed_setting_stops_start_up_naming_its_key(string key, string value, string expectedKey)
    {
        Assert.Equal(expectedKey, KeyOfError(Environments.Development, ("MicrosoftAppId", AppId), ("MicrosoftAppTenantId", Tenant), (key, value)));
    }

    [Fact]
    public void Contradictory_settings_stop_start_up()
    {
        Assert.Equal("MicrosoftAppPassword", KeyOfError(Environments.Development, ("MicrosoftAppPassword", "secret")));
        Assert.Equal("MicrosoftAppPassword", KeyOfError(Environments.Development,
            ("MicrosoftAppId", AppId), ("MicrosoftAppTenantId", Tenant), ("MicrosoftAppType", "UserAssignedMSI"), ("MicrosoftAppPassword", "secret")));
        Assert.Equal("MicrosoftAppTenantId", KeyOfError(Environments.Development, ("MicrosoftAppId", AppId), ("MicrosoftAppType", "SingleTenant")));
        Assert.Equal("MicrosoftAppPassword", KeyOfError(Environments.Production,
            ("MicrosoftAppId", AppId), ("MicrosoftAppTenantId", Tenant)));
    }

    [Fact]
    public void A_loopback_metadata_url_on_http_is_accepted_for_local_stand_ins()
    {
        var settings = Load(Environments.Development,
            ("MicrosoftAppId", AppId), ("MicrosoftAppTenantId", Tenant),
            ("ToBotFromChannelOpenIdMetadataUrl", "http://127.0.0.1:5050/v1/.well-known/openidconfiguration"));

        Assert.Equal("http://127.0.0.1:5050/v1/.well-known/openidconfiguration", settings.ChannelOpenIdMetadataUrl);
    }

    [Fact]
    public void Allowed_tenants_can_be_a_list_or_comma_separated()
    {
        var other = Guid.NewGuid().ToString();
        var asList = Load(Environments.Development, ("Teams:AllowedTenantIds:0", Tenant), ("Teams:AllowedTenantIds:1", other));
        var asText = Load(Environments.Development, ("Teams:AllowedTenantIds", $"{Tenant}, {other}"));

        Assert.Equal([Tenant, other], asList.AllowedTenantIds);
        Assert.Equal([Tenant, other], asText.AllowedTenantIds);
    }
}
