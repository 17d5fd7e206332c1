using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Registration;

namespace MentorBot.Features.Matching;

/// <summary>
/// "Confirm these pairs" on a proposed cohort matching, by a coordinator. The proposal is loaded from storage (the
/// card only names it); every chosen mentor must be one of the proposal's, allowed for that mentee now, and within
/// their room now, or nothing is registered. Registration is idempotent per pair, so a press cut short is finished
/// by pressing again; a press after the proposal was confirmed changes nothing.
/// </summary>
public sealed class CohortMatchConfirm : ICardActionHandler
{
    private readonly ProgramStore _programs;
    private readonly CohortProposalStore _proposals;
    private readonly CohortRosterStore _rosters;
    private readonly MatchEligibility _eligibility;
    private readonly PairRegistration _registration;
    private readonly PairStore _pairs;
    private readonly TimeProvider _time;

    public CohortMatchConfirm(ProgramStore programs, CohortProposalStore proposals, CohortRosterStore rosters,
        MatchEligibility eligibility, PairRegistration registration, PairStore pairs, TimeProvider time)
    {
        _pairs = pairs;
        _programs = programs;
        _proposals = proposals;
        _rosters = rosters;
        _eligibility = eligibility;
        _registration = registration;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [CohortMatchCard.ConfirmVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {

        var program = ProgramSubject.ProgramOf(turn);
        var found = program is null || action.Get("proposal") is not { } proposalId
            ? null
            : await _proposals.GetAsync(program.TenantId, program.ProgramId, proposalId, cancellationToken).ConfigureAwait(false);
        if (program is null || found is not { } stored)
        {
            turn.Answer("I can't find that proposal any more. Nothing was registered; type \"match cohort <name>\" for a fresh one.");
            return;
        }

        var proposal = stored.Proposal;
        if (proposal.ConfirmedAt is not null)
        {
            turn.Answer($"This matching of {proposal.CohortName} was already confirmed. Nothing was changed.");
            return;
        }

        // Pairs an earlier press already registered (it was cut short) are kept, not checked or registered again.
        var existing = (await _pairs.InProgramAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false))
            .Where(p => !p.IsClosed && p.CohortId == proposal.CohortId).ToList();
        var (chosen, problem) = await CheckChoicesAsync(program, proposal, action, existing, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            turn.Answer($"Nothing was registered: {problem}.");
            return;
        }

        var registered = new List<Pair>();
        var problems = new List<string>();
        for (var i = 0; i < chosen.Count; i++)
        {
            if (chosen[i] < 0)
            {
                continue;
            }

            if (Existing(existing, proposal, i, chosen[i]) is { } done)
            {
                registered.Add(done);
                continue;
            }

            var result = await _registration.RegisterAsync(new RegistrationRequest(program, proposal.Mentors[chosen[i]].Id, proposal.Mentees[i].Id,
                proposal.CohortId, null, null, null, turn.UserId!), cancellationToken).ConfigureAwait(false);
            if (result.Pair is { } pair && result.Created)
            {
                registered.Add(pair);
            }
            else
            {
                problems.Add($"{proposal.Mentees[i].Name}: {result.Problem}");
            }
        }

        var confirmed = proposal with { Proposed = chosen, ConfirmedAt = _time.GetUtcNow() };
        try
        {
            await _proposals.UpdateAsync(confirmed, stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrentUpdateException)
        {
            // Another press confirmed it at the same moment; registration made each pair once either way.
        }

        CardReplies.ReplaceOrReply(turn, CohortMatchCard.Confirmed(confirmed, registered, problems));
    }

    /// <summary>The mentor index chosen for each mentee (-1 for none), or why the choices can't be registered.</summary>
    private async Task<(IReadOnlyList<int> Chosen, string? Problem)> CheckChoicesAsync(MentorshipProgram program, CohortProposal proposal,
        CardActionInput action, IReadOnlyList<Pair> existing, CancellationToken cancellationToken)
    {
        var chosen = new List<int>();
        for (var i = 0; i < proposal.Mentees.Count; i++)
        {
            // An input the client did not send keeps the proposed mentor.
            var value = action.Get(CohortMatchCard.InputFor(i));
            var index = value is null ? proposal.Proposed[i] : value == CohortMatchCard.NoMentor ? -1 : proposal.MentorIndex(value);
            if (value is not null && value != CohortMatchCard.NoMentor && index < 0)
            {
                return ([], $"the mentor chosen for {proposal.Mentees[i].Name} is not one of this cohort's mentors");
            }

            chosen.Add(index);
        }

        var roster = await _rosters.GetAsync(program.TenantId, program.ProgramId, proposal.CohortId, cancellationToken).ConfigureAwait(false);
        var room = (await _eligibility.MentorsWithRoomAsync(program, roster.Mentors.ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.PersonId, s => s.Room, StringComparer.OrdinalIgnoreCase);
        var toRegister = Enumerable.Range(0, chosen.Count).Where(i => chosen[i] >= 0 && Existing(existing, proposal, i, chosen[i]) is null).ToList();
        foreach (var group in toRegister.GroupBy(i => chosen[i]))
        {
            var mentor = proposal.Mentors[group.Key];
            if (group.Count() > room.GetValueOrDefault(mentor.Id))
            {
                return ([], $"{mentor.Name} has room for {room.GetValueOrDefault(mentor.Id)} more mentees, and {group.Count()} were chosen");
            }
        }

        foreach (var i in toRegister)
        {
            var mentor = proposal.Mentors[chosen[i]];
            var excluded = await _eligibility.ExcludedAsync(program.TenantId, proposal.Mentees[i].Id, [mentor.Id], cancellationToken).ConfigureAwait(false);
            if (excluded.TryGetValue(mentor.Id, out var why))
            {
                return ([], $"{mentor.Name} can't be matched with {proposal.Mentees[i].Name} ({why})");
            }
        }

        return (chosen, null);
    }

    private static Pair? Existing(IReadOnlyList<Pair> existing, CohortProposal proposal, int mentee, int mentor) =>
        existing.FirstOrDefault(p => string.Equals(p.Mentee.Id, proposal.Mentees[mentee].Id, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.Mentor.Id, proposal.Mentors[mentor].Id, StringComparison.OrdinalIgnoreCase));
}
