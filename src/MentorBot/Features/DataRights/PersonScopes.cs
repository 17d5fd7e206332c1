using MentorBot.Features.Pairs;

namespace MentorBot.Features.DataRights;

/// <summary>Builds a <see cref="PersonScope"/>: the person's pairs in the tenant (closed ones included).</summary>
public sealed class PersonScopes
{
    private readonly PairStore _pairs;

    public PersonScopes(PairStore pairs)
    {
        _pairs = pairs;
    }

    public async Task<PersonScope> ForAsync(string tenantId, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var pairs = await _pairs.ForPersonAsync(tenantId, person.Id, cancellationToken).ConfigureAwait(false);
        return new PersonScope(person.Id, [person.Upn, person.Mail, .. person.Addresses], pairs);
    }
}
