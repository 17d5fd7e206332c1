using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Graph;

namespace MentorBot.Features.DataRights;

/// <summary>
/// Who "erase" may name: a real person of the caller's tenant, found in the directory, or a party of one of the
/// program's pairs (someone who has left the directory). Anything else — a word, the tenant id, an unknown id — is
/// nobody, so nothing is erased for it.
/// </summary>
public sealed class ErasablePeople
{
    private readonly PeopleDirectory _directory;
    private readonly PairStore _pairs;

    public ErasablePeople(PeopleDirectory directory, PairStore pairs)
    {
        _directory = directory;
        _pairs = pairs;
    }

    /// <summary>The person, or null with the reason to tell the coordinator.</summary>
    public async Task<(Person? Person, string? Problem)> FindAsync(string tenantId, string programId, string idOrAddress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(idOrAddress);
        var wanted = idOrAddress.Trim();
        if (wanted.Length == 0 || string.Equals(wanted, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "that is not a person of this organization");
        }

        bool directoryAnswered;
        try
        {
            if (await _directory.FindAsync(wanted, cancellationToken).ConfigureAwait(false) is { } found && Guid.TryParse(found.Id, out _)
                && !string.Equals(found.Id, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                return (found, null);
            }

            directoryAnswered = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The directory is down: a party of the program's pairs can still be found by their stored ids.
            directoryAnswered = false;
        }

        foreach (var pair in await _pairs.InProgramAsync(tenantId, programId, cancellationToken).ConfigureAwait(false))
        {
            foreach (var party in new[] { pair.Mentor, pair.Mentee })
            {
                if (Guid.TryParse(party.Id, out _) && Names(party, wanted))
                {
                    return (party, null);
                }
            }
        }

        return (null, directoryAnswered
            ? "nobody in this organization or this program's pairs has that id or address"
            : "the directory can't be reached just now and nobody in this program's pairs has that id or address; try again later");
    }

    private static bool Names(Person party, string wanted) =>
        new[] { party.Id, party.Upn, party.Mail }.Concat(party.Addresses).Any(v => string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase));
}
