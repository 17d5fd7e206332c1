using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>
/// "match questions cohort &lt;name&gt;": the cohort asks its profile questions (topics, backgrounds), privately and once, of
/// everyone on its roster now and everyone enrolled later (coordinators only).
/// </summary>
public sealed class ProfileQuestionsCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly CohortStore _cohorts;
    private readonly CohortRosterStore _rosters;
    private readonly ProfileQuestions _questions;

    public ProfileQuestionsCommand(ProgramStore programs, CohortStore cohorts, CohortRosterStore rosters, ProfileQuestions questions)
    {
        _programs = programs;
        _cohorts = cohorts;
        _rosters = rosters;
        _questions = questions;
    }

    public CommandInfo Info { get; } = new("match questions", "Asks a cohort's people profile questions for matching, once and privately (coordinators only).",
        CommandScopes.Channel, "match questions cohort <name>") { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var program = ProgramSubject.ProgramOf(turn);

        var (_, cohortName) = CohortCommandText.Split(arguments);
        if (cohortName is null || await _cohorts.FindAsync(program.TenantId, program.ProgramId, cohortName, cancellationToken).ConfigureAwait(false) is not Cohort cohort)
        {
            turn.Reply($"Name one of {program.Name}'s cohorts: \"match questions cohort <name>\".");
            return;
        }

        await _rosters.AskProfileQuestionsAsync(program.TenantId, program.ProgramId, cohort.CohortId, cancellationToken).ConfigureAwait(false);
        var roster = await _rosters.GetAsync(program.TenantId, program.ProgramId, cohort.CohortId, cancellationToken).ConfigureAwait(false);
        foreach (var person in roster.People)
        {
            await _questions.AskAsync(program, cohort, person, cancellationToken).ConfigureAwait(false);
        }

        turn.Reply($"{cohort.Name} now asks its profile questions. {roster.People.Count} people on its roster were asked privately (once each); people enrolled later will be asked too.");
    }
}
