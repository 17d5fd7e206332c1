using MentorBot.Features.Closure;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>
/// The weights a program's matching uses: the starting ones, adjusted by <see cref="OutcomeLearning"/> from the
/// program's closed pairs. A pair that completed concluded well; one that ended early or was rematched did not; a
/// withdrawal (someone left) says nothing about the match and is left out.
/// </summary>
public sealed class ProgramMatchWeights
{
    private readonly PairStore _pairs;
    private readonly MatchProfiles _profiles;

    public ProgramMatchWeights(PairStore pairs, MatchProfiles profiles)
    {
        _pairs = pairs;
        _profiles = profiles;
    }

    public async Task<IReadOnlyList<CriterionEvidence>> EvidenceAsync(MentorshipProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var facts = new List<PairOutcomeFacts>();
        foreach (var pair in await _pairs.InProgramAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false))
        {
            if (ConcludedWell(pair) is not { } well)
            {
                continue;
            }

            var mentor = await _profiles.ForAsync(program.TenantId, pair.Mentor.Id, pair.Mentor.Name, cancellationToken).ConfigureAwait(false);
            var mentee = await _profiles.ForAsync(program.TenantId, pair.Mentee.Id, pair.Mentee.Name, cancellationToken).ConfigureAwait(false);
            facts.Add(new PairOutcomeFacts(MatchFit.Of(mentor, mentee, MatchWeights.Starting).Criteria.ToList(), well));
        }

        return OutcomeLearning.Learn(facts, MatchWeights.Starting);
    }

    public async Task<MatchWeights> ForAsync(MentorshipProgram program, CancellationToken cancellationToken) =>
        OutcomeLearning.WeightsFrom(await EvidenceAsync(program, cancellationToken).ConfigureAwait(false));

    private static bool? ConcludedWell(Pair pair) => !pair.IsClosed ? null : pair.ClosedReason switch
    {
        var r when r == ClosureReasons.Key(ClosureReason.Completed) => true,
        var r when r == ClosureReasons.Key(ClosureReason.ConcludedEarly) || r == ClosureReasons.Key(ClosureReason.Rematched) => false,
        _ => null,
    };
}
