using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Registration;
using MentorBot.Infrastructure.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace MentorBot.Features.Matching;

/// <summary>
/// The people a coordinator's matching command names (@mentions, or typed UPNs and emails), found in the directory
/// the way registration finds them.
/// </summary>
public sealed class NamedPeople
{
    private readonly MentionResolver _mentions;
    private readonly PeopleDirectory _people;

    public NamedPeople(MentionResolver mentions, PeopleDirectory people)
    {
        _mentions = mentions;
        _people = people;
    }

    /// <summary>Everyone named in <paramref name="words"/> (typed addresses) and the message's @mentions, or the problem to tell.</summary>
    public async Task<(IReadOnlyList<Person> People, string? Problem)> FindAsync(Turn turn, IEnumerable<string> words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var references = RegisterMessage.MentionedUsers(turn.Activity).Select(m => new PersonReference(null, m))
            .Concat(words.Where(w => w.Contains('@', StringComparison.Ordinal)).Select(w => new PersonReference(w.Trim('<', '>', ',', ';'), null)));
        var people = new List<Person>();
        foreach (var reference in references)
        {
            var (id, problem) = await _mentions.ResolveAsync(turn, reference, cancellationToken).ConfigureAwait(false);
            if (id is null)
            {
                return ([], problem);
            }

            Person? person;
            try
            {
                person = await _people.FindAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ODataError or Microsoft.Kiota.Abstractions.ApiException or HttpRequestException or AggregateException)
            {
                return ([], "the directory (Microsoft Graph) did not answer; nothing was changed, try again shortly");
            }

            if (person is null)
            {
                return ([], $"no one called '{reference.Display}' was found in your organisation");
            }

            if (!people.Exists(p => string.Equals(p.Id, person.Id, StringComparison.OrdinalIgnoreCase)))
            {
                people.Add(person);
            }
        }

        return (people, null);
    }
}
