namespace MentorBot.Conversations;

/// <summary>When a person installs the app (or opens the bot's chat), what was waiting for them is delivered.</summary>
public sealed class DeliverWaitingOnInstall : IConversationUpdateHandler
{
    private readonly ConversationReferenceStore _references;

    public DeliverWaitingOnInstall(ConversationReferenceStore references)
    {
        _references = references;
    }

    public async Task HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        // A removal (installationUpdate "remove", or "remove-upgrade") is the opposite of a chance to deliver.
        if (!turn.IsPersonal || turn.UserId is null || turn.TenantId is null || turn.Activity.Action?.StartsWith("remove", StringComparison.Ordinal) == true)
        {
            return;
        }

        // The reference to this chat was stored by the pipeline before this handler ran.
        await _references.SetPersonalConversationAsync(turn.UserId, turn.ConversationId, cancellationToken).ConfigureAwait(false);
        // Delivered after this turn's answer (the reachable mark is cleared there too, first).
        turn.RunAfter(OutboxDeliveryJob.WaitingFor(turn.TenantId, turn.UserId, turn.Activity.Id ?? turn.ConversationId));
    }
}
