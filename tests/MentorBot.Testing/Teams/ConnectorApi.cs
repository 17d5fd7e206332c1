using Microsoft.AspNetCore.Http;
using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>The stand-in Bot Connector REST API under <c>{serviceUrl}v3/</c>: answers like Teams and records every call.</summary>
internal sealed class ConnectorApi(ConnectorCallLog log, ChannelDirectory directory, FaultPlan faults, TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FaultPlan> _sendFaults = new(StringComparer.Ordinal);

    /// <summary>
    /// The next <paramref name="count"/> sends and replies to this conversation fail. Teams limits sends per thread (a
    /// 1:1 chat, group chat or channel) as well as per tenant, and answers a thread over its limit with 429 and
    /// Retry-After (msteams-docs bots/how-to/rate-limit.md, "Per bot per thread limit"; protocol.md C).
    /// </summary>
    public void FailNextSendsIn(string conversationId, int count, int statusCode, TimeSpan? retryAfter) =>
        _sendFaults.GetOrAdd(conversationId, _ => new FaultPlan()).FailNext(count, statusCode, retryAfter);

    /// <summary>Teams' send limits, enforced when set (off by default: most tests count calls, not rates).</summary>
    public TeamsRateLimits? Limits { get; set; }

    private bool TryTakeFault(ConnectorOperation operation, string? conversationId, JsonNode? body, out int statusCode, out TimeSpan? retryAfter)
    {
        if (Limits is { } limits && !limits.TryAdmit(ThreadOf(operation, conversationId, body)))
        {
            statusCode = 429;
            retryAfter = limits.RetryAfter;
            return true;
        }

        if (operation is ConnectorOperation.Send or ConnectorOperation.Reply && conversationId is not null
            && _sendFaults.TryGetValue(conversationId, out var plan) && plan.TryTake(out statusCode, out retryAfter))
        {
            return true;
        }

        return faults.TryTake(out statusCode, out retryAfter);
    }

    /// <param name="segments">Unescaped path segments after the service URL's <c>teams</c> segment.</param>
    public async Task HandleAsync(HttpContext context, string[] segments)
    {
        var request = context.Request;
        var bodyText = await JsonHttp.ReadBodyTextAsync(request).ConfigureAwait(false);
        var body = JsonHttp.TryParse(bodyText);
        var (operation, conversationId, activityId, memberId) = Route(request.Method, segments);

        var outcome = TryTakeFault(operation, conversationId, body, out var faultStatus, out var retryAfter)
            ? ConnectorOutcome.Error(faultStatus, FaultPlan.ErrorCodeFor(faultStatus), "Failure injected by the stand-in channel.")
                with { RetryAfter = retryAfter, InjectedFault = true }
            : Answer(operation, conversationId, activityId, memberId, body);

        // Recorded before answering, so once the bot sees the response a test can already find the call.
        log.Add(new RecordedConnectorCall
        {
            Sequence = log.NextSequence(),
            Operation = operation,
            Method = request.Method,
            Path = RawPath.Decoded(context),
            Query = request.QueryString.Value ?? "",
            ConversationId = outcome.ConversationId ?? conversationId,
            ActivityId = activityId,
            MemberId = outcome.MemberId ?? memberId,
            Authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
            Body = body,
            BodyText = bodyText,
            ReceivedAt = clock.GetUtcNow(),
            StatusCode = outcome.StatusCode,
            InjectedFault = outcome.InjectedFault,
            MessageId = outcome.StatusCode is >= 200 and < 300 ? outcome.MessageId : null,
        });

        if (outcome.RetryAfter is { } delay)
        {
            // Teams answers 429 with code "Throttled" and says in Retry-After when to try again (protocol.md C, "429 and
            // Retry-After": msteams-docs status codes from bot conversational APIs, bots/how-to/rate-limit.md).
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await JsonHttp.WriteAsync(context.Response, outcome.StatusCode, outcome.Response).ConfigureAwait(false);
    }

    /// <summary>
    /// The thread whose limits a call counts towards: sends, replies and updates to their conversation, a 1:1 create to
    /// the person's chat (rate-limit.md lists "Create conversation" per thread; update is not listed, so it is counted
    /// as a send to be safe, protocol.md C); lookups count only towards the tenant.
    /// </summary>
    private static string? ThreadOf(ConnectorOperation operation, string? conversationId, JsonNode? body) => operation switch
    {
        ConnectorOperation.Send or ConnectorOperation.Reply or ConnectorOperation.Update or ConnectorOperation.Delete => conversationId,
        ConnectorOperation.CreateConversation => "create:" + (body?["members"]?[0]?["id"]?.ToString() ?? ""),
        _ => null,
    };

    private static (ConnectorOperation Operation, string? ConversationId, string? ActivityId, string? MemberId) Route(string method, string[] segments) =>
        (method.ToUpperInvariant(), segments) switch
        {
            ("POST", ["v3", "conversations"]) => (ConnectorOperation.CreateConversation, null, null, null),
            ("POST", ["v3", "conversations", var c, "activities"]) => (ConnectorOperation.Send, c, null, null),
            ("POST", ["v3", "conversations", var c, "activities", var a]) => (ConnectorOperation.Reply, c, a, null),
            ("PUT", ["v3", "conversations", var c, "activities", var a]) => (ConnectorOperation.Update, c, a, null),
            ("DELETE", ["v3", "conversations", var c, "activities", var a]) => (ConnectorOperation.Delete, c, a, null),
            ("GET", ["v3", "conversations", var c, "members", var m]) => (ConnectorOperation.GetMember, c, null, m),
            // Bot Framework REST API reference, "Get conversation members": GET /v3/conversations/{id}/members, an array of ChannelAccount.
            ("GET", ["v3", "conversations", var c, "members"]) => (ConnectorOperation.GetMembers, c, null, null),
            (_, ["v3", "conversations", var c, ..]) => (ConnectorOperation.Unknown, c, null, null),
            _ => (ConnectorOperation.Unknown, null, null, null),
        };

    private ConnectorOutcome Answer(ConnectorOperation operation, string? conversationId, string? activityId, string? memberId, JsonNode? body)
    {
        switch (operation)
        {
            case ConnectorOperation.Send or ConnectorOperation.Reply:
                if (body is not JsonObject)
                {
                    return ConnectorOutcome.Error(400, "BadSyntax", "The body must be an Activity object.");
                }

                var newId = MessageIds.Next();
                return new ConnectorOutcome(201, new JsonObject { ["id"] = newId }) { MessageId = newId };
            case ConnectorOperation.Update:
                return body is JsonObject
                    ? new ConnectorOutcome(200, new JsonObject { ["id"] = activityId }) { MessageId = activityId }
                    : ConnectorOutcome.Error(400, "BadSyntax", "The body must be an Activity object.");
            case ConnectorOperation.Delete:
                return new ConnectorOutcome(200, null) { MessageId = activityId };
            case ConnectorOperation.CreateConversation:
                return ConversationCreation.Handle(body, directory);
            case ConnectorOperation.GetMembers:
                return directory.Roster(conversationId!) is { } roster
                    ? new ConnectorOutcome(200, new JsonArray(roster.Select(m => (JsonNode)m.ToJson()).ToArray()))
                    : ConnectorOutcome.Error(404, "ConversationNotFound", $"The conversation {conversationId} was not found.");
            case ConnectorOperation.GetMember:
                // A conversation with a roster answers only for its members ("MemberNotFoundInConversation" otherwise).
                return directory.Find(memberId!) is { } member
                    && (directory.Roster(conversationId!) is not { } members || members.Any(m => m.Id == member.Id))
                    ? new ConnectorOutcome(200, member.ToJson())
                    : ConnectorOutcome.Error(404, "MemberNotFoundInConversation", $"The member {memberId} was not found in conversation {conversationId}.");
            default:
                return ConnectorOutcome.Error(404, "NotFound", "The stand-in channel does not serve this operation.");
        }
    }
}
