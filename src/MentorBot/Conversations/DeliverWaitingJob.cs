using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Conversations;

/// <summary>Delivers what waited for a person who just installed the app, after that turn's answer.</summary>
public sealed class DeliverWaitingJob : IJobHandler
{
    private readonly ProactiveMessenger _messenger;

    public DeliverWaitingJob(ProactiveMessenger messenger)
    {
        _messenger = messenger;
    }

    public string Kind => OutboxDeliveryJob.WaitingKind;

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Get("tenant") is { } tenant && job.Get("person") is { } person)
        {
            await _messenger.DeliverWaitingAsync(tenant, person, cancellationToken).ConfigureAwait(false);
        }
    }
}
