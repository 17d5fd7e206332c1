using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Graph;

namespace MentorBot.Features.DataRights;

/// <summary>
/// The "Erase" button of the confirmation card: checks again that the presser is a coordinator, erases once, and
/// replaces the card with what was removed. A second press (or a second coordinator) is told it was already done.
/// </summary>
public sealed class EraseActions : ICardActionHandler
{
    private const string LedgerCategory = "data-rights-erase";

    private readonly SendLedger _ledger;
    private readonly PeopleDirectory _people;
    private readonly PersonScopes _scopes;
    private readonly PersonEraser _eraser;

    public EraseActions(SendLedger ledger, PeopleDirectory people, PersonScopes scopes, PersonEraser eraser)
    {
        _ledger = ledger;
        _people = people;
        _scopes = scopes;
        _eraser = eraser;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [DataRightsCards.EraseVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);

        if (action.Get("request") is not { Length: > 0 and <= 64 } requestId
            || action.Get("person") is not { Length: > 0 } personId
            || turn.TenantId is not { Length: > 0 } tenantId)
        {
            turn.Answer("This card is not complete; type \"erase @person\" again.");
            return;
        }

        var name = action.Get("name") ?? personId;

        // The marker names the request only, never the person, so erasing leaves nothing that points at them.
        if (!await _ledger.TryReserveAsync(LedgerCategory, requestId, cancellationToken).ConfigureAwait(false))
        {
            turn.Answer($"{name} was already erased from this card. Nothing more to do.");
            return;
        }

        try
        {
            Person person;
            try
            {
                person = await _people.FindAsync(personId, cancellationToken).ConfigureAwait(false) ?? new Person(personId, name, null, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The directory is down or the person has left it: the object id still finds their rows.
                person = new Person(personId, name, null, null);
            }

            var scope = await _scopes.ForAsync(tenantId, person, cancellationToken).ConfigureAwait(false);
            var removed = await _eraser.EraseAsync(scope, cancellationToken).ConfigureAwait(false);
            turn.ReplaceCard(DataRightsCards.Erased(name, turn.UserName ?? "a coordinator", removed));
        }
        catch
        {
            // Nothing final happened if erasing failed part-way: let the coordinator press again.
            await _ledger.ReleaseAsync(LedgerCategory, requestId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
