using System.Text.Json.Nodes;
using MentorBot.Testing;

namespace MentorBot.Packaging.Tests;

public sealed class InfraTests(CompiledInfra infra) : IClassFixture<CompiledInfra>
{
    private const string KeyVaultSecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string StorageTableDataContributorRole = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    private static readonly string[] ExpectedResourceTypes =
    [
        "Microsoft.Web/serverfarms",
        "Microsoft.Web/sites",
        "Microsoft.BotService/botServices",
        "Microsoft.BotService/botServices/channels",
        "Microsoft.Storage/storageAccounts",
        "Microsoft.Insights/components",
        "Microsoft.OperationalInsights/workspaces",
        "Microsoft.KeyVault/vaults",
        "Microsoft.KeyVault/vaults/secrets",
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "Microsoft.Authorization/roleAssignments",
    ];

    // The bot's configuration keys, in App Service's double-underscore form for nested keys.
    private static readonly string[] ExpectedAppSettings =
    [
        "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType",
        "Storage__ConnectionString", "Storage__TablePrefix", "Teams__AllowedTenantIds__0", "Graph__BaseUrl",
        "Reports__PublicBaseUrl", "ASPNETCORE_ENVIRONMENT", "APPLICATIONINSIGHTS_CONNECTION_STRING",
    ];

    [Fact]
    public void Bicep_build_succeeds_and_declares_every_resource_mentorbot_needs()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.ToString());

        var types = infra.Resources.Select(r => (string)r["type"]!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(
            ExpectedResourceTypes,
            type => Assert.Contains(type, types));
    }

    [Fact]
    public void Bot_is_single_tenant_on_the_web_app_messages_endpoint_with_the_teams_channel()
    {
        var bot = infra.ResourcesOfType("Microsoft.BotService/botServices").Single();
        Assert.Equal("azurebot", (string?)bot["kind"]);
        Assert.Equal("SingleTenant", (string?)bot["properties"]!["msaAppType"]);
        Assert.NotNull(bot["properties"]!["msaAppId"]);
        Assert.NotNull(bot["properties"]!["msaAppTenantId"]);
        Assert.Matches("^\\[format\\('https://\\{0\\}/api/messages'", (string?)infra.ResourcesOfType("Microsoft.Resources/deployments")
            .Single(d => (string?)d["name"] == "bot")["properties"]!["parameters"]!["endpoint"]!["value"]);

        var channel = infra.ResourcesOfType("Microsoft.BotService/botServices/channels").Single();
        Assert.Equal("MsTeamsChannel", (string?)channel["properties"]!["channelName"]);
        Assert.True((bool)channel["properties"]!["properties"]!["isEnabled"]!);
    }

    [Fact]
    public void Web_app_runs_dotnet_10_on_linux_over_https_only_with_the_readiness_health_check()
    {
        var site = infra.ResourcesOfType("Microsoft.Web/sites").Single();
        var properties = site["properties"]!;
        var config = properties["siteConfig"]!;

        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal("1.2", (string?)config["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)config["ftpsState"]);
        Assert.True((bool)config["alwaysOn"]!);
        Assert.Equal("/health/ready", (string?)config["healthCheckPath"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.NotNull(properties["keyVaultReferenceIdentity"]);
        Assert.True((bool)infra.ResourcesOfType("Microsoft.Web/serverfarms").Single()["properties"]!["reserved"]!, "the plan must be Linux");
    }

    [Fact]
    public void App_settings_include_every_configuration_key_the_bot_reads()
    {
        var settings = infra.ResourcesOfType("Microsoft.Resources/deployments")
            .Single(d => (string?)d["name"] == "webApp")["properties"]!["parameters"]!["appSettings"]!["value"]!.AsObject();

        Assert.All(
            ExpectedAppSettings,
            key => Assert.True(settings.ContainsKey(key), $"app setting {key} is missing"));
        Assert.Equal("SingleTenant", (string?)settings["MicrosoftAppType"]);
        Assert.Equal("Production", (string?)settings["ASPNETCORE_ENVIRONMENT"]);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", (string?)settings["MicrosoftAppPassword"], StringComparison.Ordinal);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", (string?)settings["Storage__ConnectionString"], StringComparison.Ordinal);
        Assert.Equal("[parameters('graphBaseUrl')]", (string?)settings["Graph__BaseUrl"]);
        Assert.Equal("[parameters('publicBaseUrl')]", (string?)settings["Reports__PublicBaseUrl"]);
        // Not divided by instanceCount: the instances share the tenant's budget through Table Storage (LiveInstanceCount).
        Assert.False(settings.ContainsKey("Teams__RequestsPerSecond"), "Teams__RequestsPerSecond must not split the tenant's budget by instanceCount");
        Assert.Equal("https://graph.microsoft.com/v1.0", (string?)infra.Template["parameters"]!["graphBaseUrl"]!["defaultValue"]);
    }

    [Fact]
    public void Secrets_stay_in_an_rbac_key_vault_and_storage_is_locked_down()
    {
        var vault = infra.ResourcesOfType("Microsoft.KeyVault/vaults").Single()["properties"]!;
        Assert.True((bool)vault["enableRbacAuthorization"]!);
        Assert.True((bool)vault["enableSoftDelete"]!);
        Assert.Equal("securestring", (string?)infra.Template["parameters"]!["botAppPassword"]!["type"]);

        var storage = infra.ResourcesOfType("Microsoft.Storage/storageAccounts").Single(s => s["properties"] is not null);
        Assert.Equal("StorageV2", (string?)storage["kind"]);
        Assert.True((bool)storage["properties"]!["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)storage["properties"]!["minimumTlsVersion"]);
        Assert.False((bool)storage["properties"]!["allowBlobPublicAccess"]!);

        var roles = infra.RoleAssignments().ToList();
        Assert.Contains((KeyVaultSecretsUserRole, "Microsoft.KeyVault/vaults"), roles);
        Assert.Contains((StorageTableDataContributorRole, "Microsoft.Storage/storageAccounts"), roles);
    }

    [Fact]
    public async Task Bicep_lint_reports_no_errors_or_warnings()
    {
        var lint = await ToolProcess.RunAsync(RepoPaths.BicepExecutable(), ["lint", CompiledInfra.MainBicep]);

        Assert.True(lint.ExitCode == 0, lint.ToString());
        var diagnostics = lint.Output.Split('\n')
            .Where(line => line.Contains(" : Error ", StringComparison.Ordinal) || line.Contains(" : Warning ", StringComparison.Ordinal))
            // This rule compares API versions with today's date, so it starts warning as time passes; update the versions then.
            .Where(line => !line.Contains("use-recent-api-versions", StringComparison.Ordinal))
            .ToList();
        Assert.True(diagnostics.Count == 0, string.Join('\n', diagnostics));
    }

    [Fact]
    public async Task Parameters_file_builds_against_the_template()
    {
        var result = await ToolProcess.RunAsync(
            RepoPaths.BicepExecutable(),
            ["build-params", Path.Combine(RepoPaths.Infra, "main.bicepparam"), "--stdout"],
            new Dictionary<string, string?> { ["MENTORBOT_BOT_PASSWORD"] = "not-a-real-secret" });

        Assert.True(result.ExitCode == 0, result.ToString());
        var parameters = JsonNode.Parse((string)JsonNode.Parse(result.StandardOutput)!["parametersJson"]!)!["parameters"]!.AsObject();
        Assert.True(parameters.ContainsKey("botAppId"));
        Assert.True(parameters.ContainsKey("botAppPassword"));
    }
}
