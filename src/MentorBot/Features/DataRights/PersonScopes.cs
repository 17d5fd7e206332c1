using MentorBot.Conversations;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Builds a <see cref="PersonScope"/> from what is stored: the person's pairs in the tenant (closed ones included), the
/// addresses their pair records hold, and the Teams id and personal chat the bot reached them by.
/// </summary>
public sealed class PersonScopes
{
    private readonly PairStore _pairs;
    private readonly ConversationReferenceStore _references;

    public PersonScopes(PairStore pairs, ConversationReferenceStore references)
    {
        _pairs = pairs;
        _references = references;
    }

    public async Task<PersonScope> ForAsync(string tenantId, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var pairs = await _pairs.ForPersonAsync(tenantId, person.Id, cancellationToken).ConfigureAwait(false);
        var asParty = pairs.SelectMany(p => new[] { p.Mentor, p.Mentee }).Where(p => string.Equals(p.Id, person.Id, StringComparison.OrdinalIgnoreCase));
        var reference = await _references.FindUserAsync(person.Id, cancellationToken).ConfigureAwait(false);
        string?[] identifiers =
        [
            person.Upn, person.Mail, .. person.Addresses,
            .. asParty.SelectMany(p => new[] { p.Upn, p.Mail }.Concat(p.Addresses)),
            reference?.TeamsUserId, reference?.PersonalConversationId,
        ];
        return new PersonScope(tenantId, person.Id, identifiers, pairs);
    }
}
