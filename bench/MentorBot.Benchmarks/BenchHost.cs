using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Schema;
using Activity = MentorBot.Protocol.Schema.Activity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Benchmarks;

/// <summary>
/// The real service (all of Program's registrations) in a test server, plus two measuring aids that do not change
/// what it does: a middleware that times each request inside the service, and <c>/bench/token</c>, a baseline endpoint
/// that only reads the body, parses the activity and validates the token with the service's own validator.
/// Optionally a shared pacer is put in the connector's HTTP pipeline (the proposed product change).
/// </summary>
internal sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly SendPacer? _pacer;
    private readonly TimeProvider? _clock;

    public BenchHost(IReadOnlyDictionary<string, string> settings, SendPacer? pacer, TimeProvider? clock = null)
    {
        _clock = clock;
        // A console program has no test-project content-root discovery: the output folder is the content root.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MENTORBOT", AppContext.BaseDirectory);
        _settings = settings;
        _pacer = pacer;
    }

    public ServerTimings Timings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new MeasuringStartup(Timings));
            if (_clock is not null)
            {
                services.AddSingleton(_clock);
            }

            if (_pacer is not null)
            {
                services.AddHttpClient(ConnectorClient.HttpClientName).AddHttpMessageHandler(() => new PacingHandler(_pacer));
            }
        });
    }

    private sealed class MeasuringStartup(ServerTimings timings) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var started = Stopwatch.GetTimestamp();
                await nextMiddleware(context);
                timings.Record(context.Request.Path.Value ?? "", context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            });
            app.Map("/bench/token", baseline => baseline.Run(async context =>
            {
                var validator = context.RequestServices.GetRequiredService<ChannelTokenValidator>();
                var activity = await JsonSerializer.DeserializeAsync<Activity>(context.Request.Body, ProtocolJson.Options, context.RequestAborted);
                await validator.ValidateAsync(context.Request.Headers.Authorization.ToString(), context.RequestAborted);
                context.Response.StatusCode = activity is null ? 400 : 200;
            }));
            next(app);
        };
    }
}

/// <summary>Time spent inside the service per request path, in milliseconds.</summary>
internal sealed class ServerTimings
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _statuses = new();

    public void Record(string path, int status, TimeSpan elapsed)
    {
        _byPath.GetOrAdd(path, _ => []).Add(elapsed.TotalMilliseconds);
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    public IReadOnlyList<double> For(string path) => _byPath.TryGetValue(path, out var bag) ? bag.Order().ToList() : [];

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public void Clear()
    {
        _byPath.Clear();
        _statuses.Clear();
    }
}

/// <summary>
/// One shared FIFO send schedule for the whole process: each connector request (first try or retry) waits for its
/// slot, so the tenant sees at most <c>perSecond</c> requests in any second (after a burst of <c>burst</c>), however
/// many senders run at once.
/// </summary>
internal sealed class SendPacer(double perSecond, int burst = 1)
{
    private readonly Lock _gate = new();
    private readonly long _interval = (long)(Stopwatch.Frequency / perSecond);
    private long _next;

    public double PerSecond => perSecond;

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        long slot;
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            // Unused time is kept for at most burst - 1 slots: a token bucket of that depth.
            slot = Math.Max(now, Math.Max(_next, now - (burst - 1) * _interval));
            _next = slot + _interval;
        }

        var wait = TimeSpan.FromSeconds((double)(slot - now) / Stopwatch.Frequency);
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, cancellationToken);
    }
}

internal sealed class PacingHandler(SendPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await pacer.WaitAsync(cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Counts HTTP requests this process makes to one port (Azurite's), from the runtime's own HttpClient metrics.</summary>
internal sealed class PortRequestCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly int _port;
    private long _count;

    public PortRequestCounter(int port)
    {
        _port = port;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && tag.Value is int port && port == _port)
            {
                Interlocked.Increment(ref _count);
                return;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
