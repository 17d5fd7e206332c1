using MentorBot.Features.Reports;
using MentorBot.Hosting;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;

namespace MentorBot.Tests.Hosting;

public sealed class DownloadSignInTests
{
    private const string AppId = "3f1c7a52-2d6e-4c1b-9a8e-0b6f4f0e9d11";
    private const string Tenant = "7d2b8f0e-1c3a-4e5f-8a9b-0c1d2e3f4a5b";
    private const string OtherClientId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    private static readonly (string Key, string Value)[] SingleTenantBot =
    [
        ("MicrosoftAppId", AppId), ("MicrosoftAppPassword", "secret"), ("MicrosoftAppTenantId", Tenant),
        ("Reports:PublicBaseUrl", "https://mentorbot.contoso.com/"),
    ];

    [Fact]
    public void Without_a_public_base_url_downloads_are_off_and_nothing_is_registered()
    {
        var services = Register(("MicrosoftAppId", AppId), ("MicrosoftAppPassword", "secret"), ("MicrosoftAppTenantId", Tenant));

        Assert.DoesNotContain(services, d => d.ServiceType.Name.Contains("Authentication", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_public_base_url_as_the_infrastructure_deploys_it_keeps_downloads_off()
    {
        (string, string)[] values = [("MicrosoftAppId", AppId), ("MicrosoftAppPassword", "secret"), ("MicrosoftAppTenantId", Tenant), ("Reports:PublicBaseUrl", "")];
        var services = Register(values);
        services.AddOptions<ReportSettings>().BindConfiguration("Reports");
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2))).Build());
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotContain(services, d => d.ServiceType.Name.Contains("Authentication", StringComparison.Ordinal));
        Assert.Null(provider.GetRequiredService<IOptions<ReportSettings>>().Value.PublicBaseUrl);
    }

    [Fact]
    public void By_default_people_sign_in_to_the_bots_app_in_its_own_tenant_asking_only_for_an_id_token()
    {
        var options = SignInOptions(SingleTenantBot);

        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/v2.0", options.Authority);
        Assert.Equal(AppId, options.ClientId);
        Assert.Equal("id_token", options.ResponseType);
        Assert.Equal("form_post", options.ResponseMode);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Null(options.ClientSecret);
        Assert.Equal("/downloads/signin-oidc", options.CallbackPath);
    }

    [Fact]
    public void A_managed_identity_bot_needs_its_own_sign_in_app()
    {
        (string, string)[] msi = [("MicrosoftAppId", AppId), ("MicrosoftAppType", "UserAssignedMSI"), ("MicrosoftAppTenantId", Tenant),
            ("Reports:PublicBaseUrl", "https://mentorbot.contoso.com/")];

        Assert.Equal("Reports:SignInClientId", KeyOfError(msi));
        Assert.Equal("Reports:SignInClientId", KeyOfError([.. msi, ("Reports:SignInClientId", " ")]));
        Assert.Equal(OtherClientId, SignInOptions([.. msi, ("Reports:SignInClientId", OtherClientId)]).ClientId);
    }

    [Theory]
    [InlineData("Reports:PublicBaseUrl", "mentorbot.contoso.com")]
    [InlineData("Reports:PublicBaseUrl", "http://mentorbot.contoso.com/")]
    [InlineData("Reports:SignInAuthority", "http://login.contoso.com/tenant/v2.0")]
    [InlineData("Reports:SignInAuthority", "http://[::1")]
    public void A_wrong_address_stops_start_up_naming_the_key(string key, string value) =>
        Assert.Equal(key, KeyOfError([.. SingleTenantBot, (key, value)]));

    [Fact]
    public void A_loopback_authority_is_accepted_over_plain_http_for_local_stand_ins()
    {
        var options = SignInOptions([.. SingleTenantBot, ("Reports:SignInAuthority", $"http://127.0.0.1:5001/{Tenant}/v2.0")]);

        Assert.Equal($"http://127.0.0.1:5001/{Tenant}/v2.0", options.Authority);
        Assert.False(options.RequireHttpsMetadata);
    }

    private static OpenIdConnectOptions SignInOptions(params (string Key, string Value)[] values)
    {
        var services = Register(values);
        services.AddLogging();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
    }

    private static string KeyOfError(params (string Key, string Value)[] values) =>
        Assert.Throws<SettingsException>(() => Register(values)).Key;

    private static ServiceCollection Register(params (string Key, string Value)[] values)
    {
        // Later values win, so a test can start from a valid set and override one key.
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            merged[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        var host = new Mock<IHostEnvironment>();
        host.SetupGet(h => h.EnvironmentName).Returns(Environments.Production);
        var services = new ServiceCollection();
        services.AddDownloadSignIn(configuration, BotSettings.Load(configuration, host.Object));
        return services;
    }
}
