using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>
/// "match cohort &lt;name&gt;" in a coordinators channel: proposes the best matching of the cohort's roster as a table
/// the coordinator can change, and registers nothing until it is confirmed (coordinators only).
/// </summary>
public sealed class MatchCohortCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly CohortStore _cohorts;
    private readonly CohortMatching _matching;
    private readonly CohortProposalStore _proposals;

    public MatchCohortCommand(ProgramStore programs, CohortStore cohorts, CohortMatching matching, CohortProposalStore proposals)
    {
        _programs = programs;
        _cohorts = cohorts;
        _matching = matching;
        _proposals = proposals;
    }

    public CommandInfo Info { get; } = new("match cohort", "Proposes the best matching of a cohort's mentees and mentors, to change and confirm (coordinators only).",
        CommandScopes.Channel, "match cohort <name>") { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var program = ProgramSubject.ProgramOf(turn);

        var name = (arguments ?? string.Empty).Trim();
        if (name.Length == 0 || await _cohorts.FindAsync(program.TenantId, program.ProgramId, name, cancellationToken).ConfigureAwait(false) is not Cohort cohort)
        {
            turn.Reply($"Name one of {program.Name}'s cohorts: \"match cohort <name>\" (\"cohorts\" lists them).");
            return;
        }

        var proposal = await _matching.ProposeAsync(program, cohort, turn.UserId!, cancellationToken).ConfigureAwait(false);
        if (proposal.Mentees.Count == 0 || proposal.Mentors.Count == 0)
        {
            turn.Reply($"{cohort.Name} has {proposal.Mentees.Count} mentees still to match and {proposal.Mentors.Count} mentors with room. Add people with \"{EnrollCommand.Usage}\".");
            return;
        }

        if (proposal.Mentees.Count > CohortMatchCard.MaxMentees)
        {
            turn.Reply($"{cohort.Name} has {proposal.Mentees.Count} mentees to match: more than a card can show ({CohortMatchCard.MaxMentees}). Split it into smaller cohorts, or use \"suggest @mentee\".");
            return;
        }

        var card = CohortMatchCard.Create(proposal);
        if (!CohortMatchCard.FitsInAMessage(card))
        {
            turn.Reply($"The matching of {proposal.Mentees.Count} mentees with {proposal.Mentors.Count} mentors is too large for one Teams card. Split {cohort.Name} into smaller cohorts, or use \"suggest @mentee\".");
            return;
        }

        await _proposals.AddAsync(proposal, cancellationToken).ConfigureAwait(false);
        turn.Reply(card);
    }
}
