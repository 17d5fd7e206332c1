using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>
/// "enroll mentors|mentees @A @B … cohort &lt;name&gt;" in a coordinators channel: puts people on a cohort's roster, the
/// pool "match cohort" assigns and suggestions draw mentors from. When the cohort asks profile questions, each new
/// person is asked them once (coordinators only).
/// </summary>
public sealed class EnrollCommand : ICommand
{
    public const string Usage = "enroll mentors|mentees @person … cohort <name>";

    private readonly ProgramStore _programs;
    private readonly CohortStore _cohorts;
    private readonly CohortRosterStore _rosters;
    private readonly NamedPeople _named;
    private readonly ProfileQuestions _questions;

    public EnrollCommand(ProgramStore programs, CohortStore cohorts, CohortRosterStore rosters, NamedPeople named,
        ProfileQuestions questions)
    {
        _programs = programs;
        _cohorts = cohorts;
        _rosters = rosters;
        _named = named;
        _questions = questions;
    }

    public CommandInfo Info { get; } = new("enroll", "Puts mentors or mentees on a cohort's roster for matching (coordinators only).", CommandScopes.Channel, Usage) { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var program = ProgramSubject.ProgramOf(turn);

        var (words, cohortName) = CohortCommandText.Split(arguments);
        PairRole? role = words.Count == 0 ? null : words[0].ToLowerInvariant() switch
        {
            "mentor" or "mentors" => PairRole.Mentor,
            "mentee" or "mentees" => PairRole.Mentee,
            _ => null,
        };
        if (role is null || cohortName is null)
        {
            turn.Reply($"Say who and where: {Usage}");
            return;
        }

        if (await _cohorts.FindAsync(program.TenantId, program.ProgramId, cohortName, cancellationToken).ConfigureAwait(false) is not { } cohort)
        {
            turn.Reply($"There is no cohort '{cohortName}' in {program.Name}; create it first with \"cohort\".");
            return;
        }

        var (people, problem) = await _named.FindAsync(turn, words.Skip(1), cancellationToken).ConfigureAwait(false);
        if (problem is not null || people.Count == 0)
        {
            turn.Reply(problem is null ? $"Name at least one person: {Usage}" : $"Nobody was enrolled: {problem}.");
            return;
        }

        var roster = await _rosters.GetAsync(program.TenantId, program.ProgramId, cohort.CohortId, cancellationToken).ConfigureAwait(false);
        foreach (var person in people)
        {
            var entry = await _rosters.EnrollAsync(program.TenantId, program.ProgramId, cohort.CohortId, person, role.Value, cancellationToken).ConfigureAwait(false);
            if (roster.AsksProfileQuestions)
            {
                await _questions.AskAsync(program, cohort, entry, cancellationToken).ConfigureAwait(false);
            }
        }

        var asked = roster.AsksProfileQuestions ? " Each was asked the cohort's profile questions privately." : string.Empty;
        turn.Reply($"Enrolled in {cohort.Name} as {(role == PairRole.Mentor ? "mentors" : "mentees")}: {string.Join(", ", people.Select(p => p.Name))}.{asked}");
    }
}
