using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MentorBot.IntegrationTests.Infrastructure;

/// <summary>
/// One bot deployment under test: the real host on its own tables in the shared Azurite, the Teams channel
/// stand-in it trusts and answers to, the Graph stand-in, and a clock the test controls.
/// </summary>
public sealed class BotScenario : IAsyncDisposable
{
    public const string AppId = "6b1f0c34-8d2a-4e7b-9c5d-1a2b3c4d5e6f";
    public const string TenantId = "2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f";

    private readonly Action<IServiceCollection>? _services;
    private readonly List<MentorBotHost> _hosts = [];
    private readonly HttpClient _web = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private BotScenario(AzuriteFixture azurite, TeamsChannelStandIn channel, GraphStandIn graph, FakeTimeProvider clock,
        Action<IServiceCollection>? services, IReadOnlyDictionary<string, string>? extraSettings)
    {
        Azurite = azurite;
        Channel = channel;
        Graph = graph;
        Clock = clock;
        _services = services;
        TablePrefix = azurite.NewTablePrefix();
        Activities = new ActivityFactory(channel, AppId, TenantId);
        var settings = new Dictionary<string, string>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppTenantId"] = TenantId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
            ["ToBotFromEntraOpenIdMetadataUrl"] = channel.EntraMetadataUrlTemplate,
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = TablePrefix,
            ["Teams:AllowedTenantIds"] = TenantId,
            ["Graph:BaseUrl"] = graph.BaseUrl,
            // People sign in to downloads at the stand-in Entra (only used when Reports:PublicBaseUrl is set).
            ["Reports:SignInAuthority"] = channel.EntraAuthority(TenantId),
            // Tests run background jobs themselves (RunJobsAsync) after moving the clock, instead of waiting.
            ["Jobs:Enabled"] = "false",
            // Every test is also a check that no turn sends before its answer (SendsInsideTurnGuard).
            ["Conversations:RefuseSendsInsideTurns"] = "true",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        Settings = settings;
        if (settings.TryGetValue("Reports:PublicBaseUrl", out var publicBaseUrl))
        {
            // The app registration as the README's deployment steps set it up.
            PublicBaseUrl = new Uri(publicBaseUrl);
            channel.RegisterSignInApp(AppId, new Uri(PublicBaseUrl, "downloads/signin-oidc"));
        }

        Host = StartHost();
    }

    public AzuriteFixture Azurite { get; }

    public TeamsChannelStandIn Channel { get; }

    public GraphStandIn Graph { get; }

    public FakeTimeProvider Clock { get; }

    public ActivityFactory Activities { get; }

    public string TablePrefix { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public MentorBotHost Host { get; private set; }

    /// <summary>The bot's public address when downloads are switched on.</summary>
    public Uri? PublicBaseUrl { get; }

    public static async Task<BotScenario> StartAsync(
        AzuriteFixture azurite,
        Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var channel = await TeamsChannelStandIn.StartAsync(clock);
        var graph = await GraphStandIn.StartAsync(clock);
        var scenario = new BotScenario(azurite, channel, graph, clock, services, settings);
        // The first request starts the host, which creates the tables.
        using var ready = await scenario.Host.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));
        ready.EnsureSuccessStatusCode();
        return scenario;
    }

    /// <summary>
    /// Delivers an activity as the channel does, with a valid token unless one is given. The turn's replies leave after
    /// the HTTP answer; this returns once the instance has delivered them, as a person sees them.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token = null, MentorBotHost? host = null)
    {
        var target = host ?? Host;
        var response = await target.CreateClient().PostActivityAsync(activity, token ?? Activities.CreateToken());
        await target.Services.GetRequiredService<MentorBot.Conversations.TurnReplyDelivery>().WhenIdleAsync(TimeSpan.FromSeconds(30));
        return response;
    }

    /// <summary>Stops the service and starts it again on the same tables, as a deployment or crash would.</summary>
    public void Restart()
    {
        Host.Dispose();
        _hosts.Remove(Host);
        Host = StartHost();
    }

    /// <summary>A second instance of the service on the same storage, as behind a load balancer.</summary>
    public MentorBotHost StartAnotherInstance() => StartHost();

    /// <summary>Runs every background job that is due by the scenario's clock, on the given instance.</summary>
    public Task<int> RunJobsAsync(MentorBotHost? host = null) =>
        (host ?? Host).Services.GetRequiredService<MentorBot.Infrastructure.Jobs.JobRunner>().RunDueAsync(CancellationToken.None);

    /// <summary>
    /// A browser for the person, signed in to the stand-in Entra (or to nobody when null), that reaches the bot at its
    /// public address and keeps the bot's cookies between calls.
    /// </summary>
    public SignInBrowser Browser(TestUser? person)
    {
        var bot = Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = PublicBaseUrl ?? throw new InvalidOperationException("Set Reports:PublicBaseUrl to use downloads."),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        return new SignInBrowser(bot, _web, person?.AadObjectId);
    }

    public TableClient Table(string name) => Azurite.CreateServiceClient().GetTableClient(TablePrefix + name);

    /// <summary>Every entity the bot stored in a table (empty when the table does not exist).</summary>
    public async Task<IReadOnlyList<TableEntity>> EntitiesAsync(string table)
    {
        var result = new List<TableEntity>();
        try
        {
            await foreach (var entity in Table(table).QueryAsync<TableEntity>())
            {
                result.Add(entity);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Not created: nothing stored.
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _web.Dispose();
        await Channel.DisposeAsync();
        await Graph.DisposeAsync();
    }

    private MentorBotHost StartHost()
    {
        var host = new MentorBotHost(Settings, Clock, _services);
        _hosts.Add(host);
        return host;
    }
}
