using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Rematch;

namespace MentorBot.Features.Matching;

/// <summary>A mentor who can take more mentees in a program, and how many.</summary>
public sealed record MentorSeat(string PersonId, string Name, int Room);

/// <summary>
/// Who may be matched with whom, read from storage each time (never from a card): a mentor has room when their open
/// pairs in the program are below its capacity; a mentor is never suggested to a mentee they were paired with
/// before, who was rematched away from them, or whom either asked not to be matched with.
/// </summary>
public sealed class MatchEligibility
{
    private readonly PairStore _pairs;
    private readonly CohortRosterStore _rosters;
    private readonly RematchHistory _history;
    private readonly MatchExclusionStore _exclusions;

    public MatchEligibility(PairStore pairs, CohortRosterStore rosters, RematchHistory history, MatchExclusionStore exclusions)
    {
        _pairs = pairs;
        _rosters = rosters;
        _history = history;
        _exclusions = exclusions;
    }

    /// <summary>
    /// The program's mentors with room: everyone who has mentored in it or is on one of its cohort rosters as a mentor
    /// (or only those of <paramref name="candidates"/>, when given).
    /// </summary>
    public async Task<IReadOnlyList<MentorSeat>> MentorsWithRoomAsync(MentorshipProgram program, IReadOnlyCollection<RosterEntry>? candidates,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var pairs = await _pairs.InProgramAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pool = candidates ?? (await _rosters.InProgramAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Role == PairRole.Mentor).ToList();
        foreach (var entry in pool)
        {
            names.TryAdd(entry.PersonId, entry.Name);
        }

        if (candidates is null)
        {
            foreach (var pair in pairs)
            {
                names.TryAdd(pair.Mentor.Id, pair.Mentor.Name);
            }
        }

        return names
            .Select(n => new MentorSeat(n.Key, n.Value, program.Settings.MentorCapacity
                - pairs.Count(p => !p.IsClosed && string.Equals(p.Mentor.Id, n.Key, StringComparison.OrdinalIgnoreCase))))
            .Where(s => s.Room > 0)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The mentee's open pair in the program, if they already have a mentor there.</summary>
    public async Task<Pair?> OpenPairOfMenteeAsync(MentorshipProgram program, string menteeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var pairs = await _pairs.ForPersonAsync(program.TenantId, menteeId, cancellationToken).ConfigureAwait(false);
        return pairs.FirstOrDefault(p => !p.IsClosed && p.ProgramId == program.ProgramId && p.RoleOf(menteeId) == PairRole.Mentee);
    }

    /// <summary>For each mentor of <paramref name="mentorIds"/> who must not be matched with the mentee, why.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ExcludedAsync(string tenantId, string menteeId, IEnumerable<string> mentorIds,
        CancellationToken cancellationToken)
    {
        var partners = (await _pairs.ForPersonAsync(tenantId, menteeId, cancellationToken).ConfigureAwait(false))
            .SelectMany(p => new[] { p.Mentor.Id, p.Mentee.Id })
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var excluded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var mentorId in mentorIds)
        {
            if (string.Equals(mentorId, menteeId, StringComparison.OrdinalIgnoreCase))
            {
                excluded[mentorId] = "the same person";
            }
            else if (partners.Contains(mentorId))
            {
                excluded[mentorId] = "paired with them before";
            }
            else if (await _history.IsBlockedAsync(tenantId, mentorId, menteeId, cancellationToken).ConfigureAwait(false))
            {
                excluded[mentorId] = "rematched away from them";
            }
            else if (await _exclusions.IsExcludedAsync(tenantId, mentorId, menteeId, cancellationToken).ConfigureAwait(false))
            {
                excluded[mentorId] = "asked not to be matched";
            }
        }

        return excluded;
    }
}
