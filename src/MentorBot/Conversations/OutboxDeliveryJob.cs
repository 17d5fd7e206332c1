using MentorBot.Infrastructure.Jobs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// Delivers a message a turn recorded in the outbox, after the turn's answer. The job names the outbox entry (key and
/// recipient) and where to send; the words stay in the outbox row alone, which keeps them until they are sent.
/// </summary>
public sealed class OutboxDeliveryJob : IJobHandler
{
    public const string JobKind = "outbox.deliver";
    public const string WaitingKind = "outbox.deliver-waiting";

    private readonly ProactiveMessenger _messenger;

    public OutboxDeliveryJob(ProactiveMessenger messenger)
    {
        _messenger = messenger;
    }

    public string Kind => JobKind;

    public static Job ToPerson(string tenantId, string personId, string key, string? fallbackServiceUrl)
    {
        var data = new Dictionary<string, string> { ["tenant"] = tenantId, ["person"] = personId, ["key"] = key };
        if (fallbackServiceUrl is not null)
        {
            data["fallbackServiceUrl"] = fallbackServiceUrl;
        }

        return new Job(JobKind, $"{tenantId}/{personId}/{key}", Job.RightAfterTheTurn) { Data = data };
    }

    public static Job ToConversation(string tenantId, ConversationReference conversation, string key)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return new Job(JobKind, $"{tenantId}/{conversation.ConversationId}/{key}", Job.RightAfterTheTurn)
        {
            Data = new Dictionary<string, string>
            {
                ["tenant"] = tenantId, ["conversation"] = conversation.ConversationId, ["serviceUrl"] = conversation.ServiceUrl, ["key"] = key,
            },
        };
    }

    /// <summary>Everything that waited for the person (they just installed the app or opened its chat).</summary>
    public static Job WaitingFor(string tenantId, string personId, string activityId) =>
        new(WaitingKind, $"{tenantId}/{personId}/{activityId}", Job.RightAfterTheTurn)
        {
            Data = new Dictionary<string, string> { ["tenant"] = tenantId, ["person"] = personId },
        };

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Get("tenant") is not { } tenant || job.Get("key") is not { } key)
        {
            return;
        }

        if (job.Get("person") is { } person)
        {
            await _messenger.DeliverRecordedAsync(tenant, person, key, job.Get("fallbackServiceUrl"), cancellationToken).ConfigureAwait(false);
        }
        else if (job.Get("conversation") is { } conversation && job.Get("serviceUrl") is { } serviceUrl)
        {
            // Only the address matters for a delivery.
            var reference = new ConversationReference(serviceUrl, conversation, tenant, null, null);
            await _messenger.DeliverRecordedAsync(tenant, reference, key, cancellationToken).ConfigureAwait(false);
        }
    }
}
