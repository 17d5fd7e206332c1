using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.DataRights;

/// <summary>
/// The "Erase" button of the confirmation card: checks again that the presser is a coordinator, erases once, and
/// replaces the card with what was removed. A second press (or a second coordinator) is told it was already done.
/// </summary>
public sealed class EraseActions : ICardActionHandler
{
    private const string LedgerCategory = "data-rights-erase";

    private readonly SendLedger _ledger;
    private readonly ErasablePeople _people;
    private readonly PersonScopes _scopes;
    private readonly PersonEraser _eraser;

    public EraseActions(SendLedger ledger, ErasablePeople people, PersonScopes scopes, PersonEraser eraser)
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

        // The card's person id is only a claim: it must still be a real person of this tenant and program.
        var program = ProgramSubject.ProgramOf(turn);

        // The marker names the request only, never the person, so erasing leaves nothing that points at them.
        if (!await _ledger.TryReserveAsync(LedgerCategory, requestId, cancellationToken).ConfigureAwait(false))
        {
            turn.Answer("This person was already erased from this card. Nothing more to do.");
            return;
        }

        Pairs.Person? person;
        string? why;
        try
        {
            (person, why) = await _people.FindAsync(tenantId, program.ProgramId, personId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _ledger.ReleaseAsync(LedgerCategory, requestId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (person is null)
        {
            await _ledger.ReleaseAsync(LedgerCategory, requestId, cancellationToken).ConfigureAwait(false);
            turn.Answer($"I can't erase this person: {why}. Nothing was erased.");
            return;
        }

        try
        {
            var scope = await _scopes.ForAsync(tenantId, person, cancellationToken).ConfigureAwait(false);
            var removed = await _eraser.EraseAsync(scope, cancellationToken).ConfigureAwait(false);
            turn.ReplaceCard(DataRightsCards.Erased(person.Name, turn.UserName ?? "a coordinator", removed));
        }
        catch
        {
            // Nothing final happened if erasing failed part-way: let the coordinator press again.
            await _ledger.ReleaseAsync(LedgerCategory, requestId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
