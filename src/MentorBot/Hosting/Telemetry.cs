using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using MentorBot.Protocol.Hosting;
using MentorBot.Protocol.Schema;
using Activity = MentorBot.Protocol.Schema.Activity;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MentorBot.Hosting;

/// <summary>
/// What operators watch: traces of requests and outbound calls, and counters of cards, alerts, throttling and
/// failures. Counters are incremented where the event happens through the helpers below.
/// </summary>
public static class MentorBotTelemetry
{
    public const string Name = "MentorBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Cards posted successfully, by kind (the feature of the card's first button, or "info" without one).</summary>
    public static readonly Counter<long> CardsSent = Meter.CreateCounter<long>(
        "mentorbot.cards.sent", "{card}", "Adaptive Cards posted successfully, by kind");

    /// <summary>Escalation alerts newly raised (not repeats of the same cause), by cause.</summary>
    public static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>(
        "mentorbot.alerts.raised", "{alert}", "Escalation alerts newly raised, by cause");

    /// <summary>Messages the channel refused after retries, by reason (the channel's error code, or the status).</summary>
    public static readonly Counter<long> SendsFailed = Meter.CreateCounter<long>(
        "mentorbot.sends.failed", "{message}", "Messages that could not be sent, by reason");

    // The protocol layer owns these (it cannot depend on this assembly); they are the same instruments, not copies,
    // so each is exported once, from the "MentorBot.Protocol" meter.
    public static readonly Counter<long> Throttled = ProtocolMetrics.Throttled;
    public static readonly Counter<long> ActivitiesReceived = ProtocolMetrics.ActivitiesReceived;
    public static readonly Counter<long> ActivitiesRefused = ProtocolMetrics.ActivitiesRefused;

    public static void CardSent(string kind) => CardsSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void AlertRaised(string cause) => AlertsRaised.Add(1, new KeyValuePair<string, object?>("cause", cause));

    public static void SendFailed(string reason) => SendsFailed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>service: "teams" or "graph".</summary>
    public static void ThrottledBy(string service) => ProtocolMetrics.ThrottledBy(service);

    public static void ActivityReceived(string type) => ProtocolMetrics.ActivityReceived(type);

    public static void ActivityRefused(string reason) => ProtocolMetrics.ActivityRefused(reason);

    /// <summary>
    /// The kind of an outgoing card, for <see cref="CardsSent"/>: the prefix of its first verb ("alert.resolve" gives
    /// "alert"), "info" for a card without buttons, or null when the activity carries no Adaptive Card. Verbs are
    /// constants in code, so the tag has few values.
    /// </summary>
    public static string? CardKindOf(Activity activity)
    {
        var card = activity.Attachments?.FirstOrDefault(a => a.ContentType == Attachment.AdaptiveCardContentType);
        if (card is null)
        {
            return null;
        }

        var verb = card.Content is JsonElement json ? FirstVerb(json, depth: 0) : null;
        return verb is null ? "info" : verb.Split('.')[0];
    }

    /// <summary>
    /// Traces (incoming requests, outgoing HTTP calls, the MentorBot source) and metrics (ASP.NET Core, HttpClient,
    /// .NET runtime, the MentorBot and MentorBot.Protocol meters). Exported to Azure Monitor when
    /// APPLICATIONINSIGHTS_CONNECTION_STRING or AzureMonitor:ConnectionString is set (logs too); otherwise collected
    /// but not exported, so local runs and tests stay quiet.
    /// </summary>
    public static IServiceCollection AddMentorBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(Name)
                // First of the processors, so every exporter sees the URLs without people in them.
                .AddProcessor(new PeopleFreeUrls())
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                    // A download link is a bearer secret for 15 minutes: traces keep the route, never the token.
                    options.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.Path.StartsWithSegments("/downloads"))
                        {
                            activity.SetTag("url.path", "/downloads/{token}");
                            activity.SetTag("url.query", null);
                            activity.DisplayName = $"{request.Method} /downloads";
                        }
                    };
                })
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(Name, ProtocolMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime"));

        var connectionString = ConnectionString(configuration);
        if (connectionString is not null)
        {
            telemetry.UseAzureMonitor(options => options.ConnectionString = connectionString);
        }

        return services;
    }

    public static string? ConnectionString(IConfiguration configuration) =>
        new[] { configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"], configuration["AzureMonitor:ConnectionString"] }
            .FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));

    private static string? FirstVerb(JsonElement element, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String)
                {
                    return verb.GetString();
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (FirstVerb(property.Value, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstVerb(item, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
