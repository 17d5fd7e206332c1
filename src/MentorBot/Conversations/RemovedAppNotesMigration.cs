using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Conversations;

/// <summary>
/// Notes on each person's reference row that they removed the app, for every outbox mark written before sends read it
/// there (<see cref="ProactiveMessenger.MarkUnreachableAsync"/>): at the first start of this version, and once more a
/// day later for marks that instances of the version before wrote while the upgrade rolled out. Until it has run, a
/// message to someone marked before only costs a refused call and waits, as it would have. Noting twice changes nothing.
/// </summary>
public sealed class RemovedAppNotesMigration : IJobHandler
{
    public const string JobKind = "outbox.removed-app-notes";

    private readonly Outbox _outbox;
    private readonly ConversationReferenceStore _references;

    public RemovedAppNotesMigration(Outbox outbox, ConversationReferenceStore references)
    {
        _outbox = outbox;
        _references = references;
    }

    public string Kind => JobKind;

    /// <summary>The two runs: at start-up, and a day later, after every instance runs this version.</summary>
    public static IEnumerable<Job> For(DateTimeOffset now) => [new(JobKind, "v1", now), new(JobKind, "v1-after-upgrade", now.AddDays(1))];

    public Task RunAsync(Job job, CancellationToken cancellationToken) => NoteAllAsync(cancellationToken);

    /// <summary>Notes every marked person; returns how many.</summary>
    public async Task<int> NoteAllAsync(CancellationToken cancellationToken)
    {
        var noted = 0;
        await foreach (var (tenantId, personId) in _outbox.UnreachableMarksAsync(cancellationToken).ConfigureAwait(false))
        {
            // Entra object ids are GUIDs, which Teams sends in lower case, as the outbox partition keeps them.
            await _references.SetAppRemovedAsync(personId, tenantId, cancellationToken).ConfigureAwait(false);
            noted++;
        }

        return noted;
    }
}
