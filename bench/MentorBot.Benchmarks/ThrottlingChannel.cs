using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Benchmarks;

/// <summary>
/// A loopback Bot Connector that enforces the Teams send limits (protocol.md C): per conversation 7 per 1 s,
/// 8 per 2 s and 60 per 30 s; per tenant (the whole stand-in) <see cref="TenantPerSecond"/> per second.
/// Over a limit it answers 429 <c>Throttled</c> with <c>Retry-After: 1</c>. Accepted sends are counted per conversation.
/// </summary>
internal sealed class ThrottlingChannel : IAsyncDisposable
{
    private static readonly (TimeSpan Window, int Limit)[] ConversationLimits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
    ];

    private readonly Lock _gate = new();
    private readonly Queue<long> _tenantWindow = new();
    private readonly Dictionary<string, Queue<long>> _conversationWindows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _accepted = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _throttled;
    private int _total;
    private int _concurrent;
    private int _maxConcurrent;
    private long _peakPerSecond;

    private ThrottlingChannel(WebApplication app, int tenantPerSecond)
    {
        _app = app;
        TenantPerSecond = tenantPerSecond;
    }

    public int TenantPerSecond { get; }

    public string ServiceUrl { get; private set; } = "";

    public int Throttled => Volatile.Read(ref _throttled);

    public int Requests => Volatile.Read(ref _total);

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public long PeakPerSecond => Interlocked.Read(ref _peakPerSecond);

    public int AcceptedFor(string conversationId) => _accepted.TryGetValue(conversationId, out var n) ? n : 0;

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _maxConcurrent, 0);
        Interlocked.Exchange(ref _peakPerSecond, 0);
    }

    public static async Task<ThrottlingChannel> StartAsync(int tenantPerSecond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var channel = new ThrottlingChannel(app, tenantPerSecond);
        app.Run(channel.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        channel.ServiceUrl = address.TrimEnd('/') + "/teams/";
        return channel;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _concurrent);
        InterlockedMax(ref _maxConcurrent, now);
        try
        {
            Interlocked.Increment(ref _total);
            var body = await JsonNode.ParseAsync(context.Request.Body);
            // Path: /teams/v3/conversations/{id}/activities
            var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (!HttpMethods.IsPost(context.Request.Method) || segments.Length != 5 || segments[4] != "activities" || body is not JsonObject)
            {
                context.Response.StatusCode = 400;
                return;
            }

            var conversationId = Uri.UnescapeDataString(segments[3]);
            if (!TryAdmit(conversationId))
            {
                Interlocked.Increment(ref _throttled);
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsJsonAsync(new { error = new { code = "Throttled", message = "Too many requests." } });
                return;
            }

            _accepted.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new { id = Guid.NewGuid().ToString("N") });
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    private bool TryAdmit(string conversationId)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            Trim(_tenantWindow, now, TimeSpan.FromSeconds(1));
            if (_tenantWindow.Count >= TenantPerSecond)
            {
                return false;
            }

            if (!_conversationWindows.TryGetValue(conversationId, out var window))
            {
                window = new Queue<long>();
                _conversationWindows[conversationId] = window;
            }

            Trim(window, now, TimeSpan.FromSeconds(30));
            foreach (var (span, limit) in ConversationLimits)
            {
                var since = now - (long)(span.TotalSeconds * Stopwatch.Frequency);
                if (window.Count(t => t > since) >= limit)
                {
                    return false;
                }
            }

            window.Enqueue(now);
            _tenantWindow.Enqueue(now);
            if (_tenantWindow.Count > _peakPerSecond)
            {
                _peakPerSecond = _tenantWindow.Count;
            }

            return true;
        }
    }

    private static void Trim(Queue<long> window, long now, TimeSpan span)
    {
        var since = now - (long)(span.TotalSeconds * Stopwatch.Frequency);
        while (window.Count > 0 && window.Peek() <= since)
        {
            window.Dequeue();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
