using System.Security.Cryptography;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>
/// Proposes a matching for a cohort: its mentees without a mentor in the program, its mentors with room, every fit
/// (with the program's learned weights) and exclusion read from storage, and the optimal assignment.
/// </summary>
public sealed class CohortMatching
{
    private readonly CohortRosterStore _rosters;
    private readonly MatchEligibility _eligibility;
    private readonly MatchProfiles _profiles;
    private readonly ProgramMatchWeights _weights;
    private readonly TimeProvider _time;

    public CohortMatching(CohortRosterStore rosters, MatchEligibility eligibility, MatchProfiles profiles, ProgramMatchWeights weights, TimeProvider time)
    {
        _rosters = rosters;
        _eligibility = eligibility;
        _profiles = profiles;
        _weights = weights;
        _time = time;
    }

    public async Task<CohortProposal> ProposeAsync(MentorshipProgram program, Cohort cohort, string proposedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(cohort);
        var roster = await _rosters.GetAsync(program.TenantId, program.ProgramId, cohort.CohortId, cancellationToken).ConfigureAwait(false);
        var mentors = await _eligibility.MentorsWithRoomAsync(program, roster.Mentors.ToList(), cancellationToken).ConfigureAwait(false);
        var mentees = new List<RosterEntry>();
        foreach (var mentee in roster.Mentees)
        {
            if (await _eligibility.OpenPairOfMenteeAsync(program, mentee.PersonId, cancellationToken).ConfigureAwait(false) is null)
            {
                mentees.Add(mentee);
            }
        }

        var weights = await _weights.ForAsync(program, cancellationToken).ConfigureAwait(false);
        var mentorProfiles = new List<MatchProfile>();
        foreach (var mentor in mentors)
        {
            mentorProfiles.Add(await _profiles.ForAsync(program.TenantId, mentor.PersonId, mentor.Name, cancellationToken).ConfigureAwait(false));
        }

        var fits = new List<IReadOnlyList<ProposedFit?>>();
        foreach (var mentee in mentees)
        {
            var profile = await _profiles.ForAsync(program.TenantId, mentee.PersonId, mentee.Name, cancellationToken).ConfigureAwait(false);
            var excluded = await _eligibility.ExcludedAsync(program.TenantId, mentee.PersonId, mentors.Select(m => m.PersonId), cancellationToken)
                .ConfigureAwait(false);
            fits.Add(mentorProfiles.Select(m => excluded.ContainsKey(m.PersonId) ? null : Stored(MatchFit.Of(m, profile, weights))).ToList());
        }

        var assignment = CohortAssignment.Solve(mentees.Count, mentors.Select(m => m.Room).ToList(), (i, j) => fits[i][j]?.Score);
        return new CohortProposal
        {
            TenantId = program.TenantId,
            ProgramId = program.ProgramId,
            ProposalId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
            CohortId = cohort.CohortId,
            CohortName = cohort.Name,
            Mentees = mentees.Select(m => new ProposedPerson(m.PersonId, m.Name)).ToList(),
            Mentors = mentors.Select(m => new ProposedPerson(m.PersonId, m.Name)).ToList(),
            Room = mentors.Select(m => m.Room).ToList(),
            Fits = fits,
            Proposed = assignment,
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = proposedBy,
        };
    }

    private static ProposedFit Stored(MatchFit fit) => new(fit.Score, fit.Explanation);
}
