using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Testing;

/// <summary>
/// A quiet ASP.NET Core app on a free loopback port, handling every request with one delegate.
/// The stand-ins do their own dispatch so that escaped path segments (conversation ids full of
/// <c>:</c>, <c>@</c>, <c>;</c>) are decoded exactly once, by us, from the raw request target.
/// </summary>
internal sealed class LoopbackWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackWebHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Root URL such as <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public string BaseUrl { get; }

    public static async Task<LoopbackWebHost> StartAsync(string name, RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LoopbackWebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The test output folder may hold the bot's appsettings.json (copied from the web project);
        // its Kestrel or logging settings must not reach a stand-in, so file-based sources are dropped.
        foreach (var fileSource in builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList())
        {
            builder.Configuration.Sources.Remove(fileSource);
        }

        builder.Logging.ClearProviders();
        // Port 0: the OS picks a free port, read back below once Kestrel has bound it.
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync().ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"{name} started but reported no listening address.");
        return new LoopbackWebHost(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
