using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>"Save cohort" on the cohort form: by a coordinator, once. A second press finds the cohort and changes nothing.</summary>
public sealed class SaveCohortAction : ICardActionHandler
{
    private readonly ProgramStore _programs;
    private readonly CohortStore _cohorts;

    public SaveCohortAction(ProgramStore programs, CohortStore cohorts)
    {
        _programs = programs;
        _cohorts = cohorts;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [CohortCard.SaveVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {

        var program = ProgramSubject.ProgramOf(turn);

        var (cohort, problem) = CohortForm.Validate(program, action.Get("name"), action.Get("start"), action.Get("end"),
            action.Get("training"), action.Get("criteria"), action.Get("goals"));
        if (cohort is null)
        {
            turn.Answer(problem + " Nothing was saved.");
            return;
        }

        if (await _cohorts.GetAsync(program.TenantId, program.ProgramId, cohort.CohortId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            turn.Answer($"{program.Name} already has a cohort called \"{existing.Name}\", so nothing changed. Type \"cohorts\" to see it.");
            return;
        }

        await _cohorts.SaveAsync(cohort, cancellationToken).ConfigureAwait(false);
        CardReplies.ReplaceOrReply(turn, CohortCard.Saved(cohort, program));
    }
}
