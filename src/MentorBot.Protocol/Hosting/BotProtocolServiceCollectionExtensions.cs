using System.Net;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Connector;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace MentorBot.Protocol.Hosting;

public static class BotProtocolServiceCollectionExtensions
{
    private const string MetadataClientName = "BotOpenIdMetadata";

    /// <summary>
    /// Registers inbound authentication, the connector client with its one retry policy, and the endpoint.
    /// The application registers its <see cref="IActivityProcessor"/> and, to send tokens, an <see cref="IBotTokenProvider"/>.
    /// </summary>
    public static IServiceCollection AddBotProtocol(
        this IServiceCollection services, ChannelAuthenticationOptions authentication, BotEndpointOptions endpoint)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(authentication);
        services.AddSingleton(endpoint);
        services.AddSingleton(endpoint.ServiceUrls);
        services.AddHttpClient(MetadataClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new OpenIdMetadataSource(() => factory.CreateClient(MetadataClientName), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<ChannelTokenValidator>();
        services.AddScoped<BotMessageEndpoint>();
        services.TryAddSingleton<IBotTokenProvider, NoBotToken>();

        var connector = services.AddHttpClient<ConnectorClient>(ConnectorClient.HttpClientName);
        connector.AddResilienceHandler("bot-connector", builder =>
            {
                // Network waits are physical time, whatever clock the application's schedules run on.
                builder.TimeProvider = TimeProvider.System;
                builder.AddRetry(ConnectorRetry.Options());
                builder.AddTimeout(TimeSpan.FromSeconds(30));
            });
        if (endpoint.ConnectorRequestsPerSecond > 0)
        {
            // Inside the retry handler: first attempts and retries alike wait for their tenant's and conversation's windows.
            // One process by default; an application with shared storage replaces both, so its instances share pauses and the limit.
            services.TryAddSingleton<IThrottleMarkerStore, InProcessThrottleMarkers>();
            services.TryAddSingleton<IInstanceShare, OneInstance>();
            services.AddSingleton(sp =>
                new ThrottlePauses(sp.GetRequiredService<IThrottleMarkerStore>(), TimeProvider.System, sp.GetService<ILogger<ThrottlePauses>>()));
            services.AddSingleton(sp => new ConnectorPacer(
                new PacingOptions { TenantRequestsPerSecond = endpoint.ConnectorRequestsPerSecond },
                sp.GetRequiredService<ThrottlePauses>(),
                TimeProvider.System,
                sp.GetRequiredService<IInstanceShare>()));
            // One pacer per process: the handler factory must not build a new one (with empty windows) per client.
            connector.AddHttpMessageHandler(sp => new ConnectorPacingHandler(sp.GetRequiredService<ConnectorPacer>()));
        }

        // Innermost: a refused token is replaced and the call sent once more, inside one paced attempt.
        connector.AddHttpMessageHandler(sp => new ConnectorTokenRefresh(sp.GetRequiredService<IBotTokenProvider>()));

        return services;
    }

    public static RouteHandlerBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, (HttpRequest request, BotMessageEndpoint endpoint, CancellationToken cancellationToken) =>
            endpoint.HandleAsync(request, cancellationToken));
}

/// <summary>
/// The connector's retry policy (protocol.md C): 429 with Retry-After, 412 and 5xx with jittered backoff, bounded. A 429
/// of a call that can come back later (<see cref="ConnectorThrottle.ComeBackLater"/>) is not retried here.
/// </summary>
public static class ConnectorRetry
{
    public static HttpRetryStrategyOptions Options() => new()
    {
        MaxRetryAttempts = 5,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(500),
        MaxDelay = TimeSpan.FromSeconds(60),
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome)
            // A caller that can come back later gets its 429 at once (with RetryAt) instead of a worker waiting out Retry-After.
            && !(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests && ConnectorThrottle.CanComeBackLaterFor(args.Context.GetRequestMessage()))),
        OnRetry = args =>
        {
            ProtocolMetrics.ConnectorRetried(args.Outcome.Result?.StatusCode, args.Outcome.Exception);
            return ValueTask.CompletedTask;
        },
    };

    public static bool IsRetryable(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout;
}
