using System.Text.Json;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MentorBot.Protocol.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: size limit, authentication, parsing, tenant allow-list, then the application.
/// A refused request is answered and nothing of it reaches the application.
/// </summary>
public sealed partial class BotMessageEndpoint
{
    private readonly ChannelTokenValidator _validator;
    private readonly ChannelAuthenticationOptions _authOptions;
    private readonly BotEndpointOptions _options;
    private readonly IActivityProcessor _processor;
    private readonly ILogger<BotMessageEndpoint> _logger;

    public BotMessageEndpoint(
        ChannelTokenValidator validator,
        ChannelAuthenticationOptions authOptions,
        BotEndpointOptions options,
        IActivityProcessor processor,
        ILogger<BotMessageEndpoint> logger)
    {
        _validator = validator;
        _authOptions = authOptions;
        _options = options;
        _processor = processor;
        _logger = logger;
    }

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, _options.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.TooLarge);
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
                detail: $"Activities are limited to {_options.MaxRequestBytes} bytes.");
        }

        ChannelIdentity identity;
        try
        {
            identity = await _validator.ValidateAsync(request.Headers.Authorization.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelAuthenticationException ex)
        {
            LogRefused(ex.Message);
            ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.Unauthenticated);
            return Results.Unauthorized();
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, ProtocolJson.Options);
        }
        catch (JsonException ex)
        {
            ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.Malformed);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity",
                detail: $"The body is not a valid activity: {ex.Message}");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.Malformed);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity",
                detail: "An activity needs a type.");
        }

        try
        {
            identity.EnsureMatches(activity, _authOptions.DefaultChannelId);
        }
        catch (ChannelAuthenticationException ex)
        {
            LogRefused(ex.Message);
            ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.Unauthenticated);
            return Results.Unauthorized();
        }

        if (!_options.ServiceUrls.IsAllowed(activity.ServiceUrl))
        {
            // Whoever signed the token, the bot must never be made to send its own token to another host.
            LogRefused("The activity's serviceUrl is not a Teams host.");
            ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.Unauthenticated);
            return Results.Unauthorized();
        }

        ProtocolMetrics.ActivityReceived(activity.Type);

        if (!_options.AllowedChannelIds.Contains(activity.ChannelId ?? _authOptions.DefaultChannelId))
        {
            LogChannelRefused(activity.ChannelId ?? "(none)");
            ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.ChannelNotAllowed);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Channel not served",
                detail: "This bot serves Microsoft Teams only.");
        }

        if (_options.AllowedTenantIds.Count > 0 && (activity.TenantId is null || !_options.AllowedTenantIds.Contains(activity.TenantId)))
        {
            LogTenantRefused(activity.TenantId ?? "(none)");
            ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.TenantNotAllowed);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Tenant not allowed",
                detail: "This bot does not serve this tenant.");
        }

        try
        {
            var invokeResponse = await _processor.ProcessAsync(activity, identity, cancellationToken).ConfigureAwait(false);
            if (activity.IsInvoke)
            {
                // Teams reads the outcome of an invoke from the body; the HTTP status is 200 whenever the bot handled it.
                return Results.Json(invokeResponse ?? UnsupportedInvoke(activity), ProtocolJson.Options, statusCode: StatusCodes.Status200OK);
            }

            return Results.Ok();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(ex, activity.Type, activity.Id);
            ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.Failed);
            if (activity.IsInvoke)
            {
                return Results.Json(
                    InvokeResponse.Error(500, "TryAgain", "Something went wrong on our side and nothing was saved. Please try again."),
                    ProtocolJson.Options, statusCode: StatusCodes.Status200OK);
            }

            // A 5xx makes the channel deliver the activity again; the application records it only once it succeeded.
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again",
                detail: "The activity could not be processed now.");
        }
    }

    private static InvokeResponse UnsupportedInvoke(Activity activity) =>
        InvokeResponse.Error(400, "NotSupported", $"MentorBot does not handle '{activity.Name ?? "this"}' requests.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an unauthenticated request: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity from tenant {TenantId}, which is not allowed")]
    private partial void LogTenantRefused(string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity from channel {ChannelId}, which is not served")]
    private partial void LogChannelRefused(string channelId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing a {Type} activity {ActivityId} failed")]
    private partial void LogFailed(Exception exception, string? type, string? activityId);
}
