using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MentorBot.IntegrationTests.DataRights;

/// <summary>
/// What an operator's telemetry would hold: every log line at Debug and above (message, exception and structured
/// values), and every span the service's tracer exports, from every source, as text.
/// </summary>
internal sealed class TelemetryCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<Activity> _spans = new();

    static TelemetryCapture()
    {
        // Azure Monitor's distro turns on the Azure SDK's spans (Azure.Core: "Azure.Experimental.EnableActivitySource");
        // so does this capture, so table calls are traced as they would be in production.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
    }

    /// <summary>Adds the capture to a bot's services: the logger at Debug whatever the settings say, and every trace source.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(this);
        services.AddLogging(logging => logging.AddFilter<TelemetryCapture>(null, LogLevel.Debug));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource("*").AddProcessor(new SpanCapture(_spans)));
    }

    /// <summary>
    /// Every captured line and span as text, with where it came from. The stand-ins run in this process, so their
    /// server spans reach the bot's tracer too; those at the given base URLs are not the bot's and are left out.
    /// </summary>
    public IReadOnlyList<(string Where, string Text)> Everything(params string[] standIns)
    {
        var standInPorts = standIns.Select(u => new Uri(u).Port).ToHashSet();
        var all = _lines.Select(l => ("log", l)).ToList();
        foreach (var span in _spans)
        {
            if (span.Kind == ActivityKind.Server && span.GetTagItem("server.port") is int port && standInPorts.Contains(port))
            {
                continue;
            }

            var tags = string.Join("\n", span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            var events = string.Join("\n", span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")));
            var baggage = string.Join("\n", span.Baggage.Select(b => $"{b.Key}={b.Value}"));
            all.Add(($"span {span.Source.Name}", $"{span.DisplayName}\n{span.OperationName}\n{tags}\n{events}\n{baggage}\n{span.StatusDescription}"));
        }

        return all;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    /// <summary>
    /// Keeps every ended span. Spans end on whichever thread finishes the work, while the test may already be reading;
    /// the in-memory exporter adds to a plain list without a lock (a CI run failed copying it mid-add), so this
    /// processor adds to a concurrent queue instead.
    /// </summary>
    private sealed class SpanCapture(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
