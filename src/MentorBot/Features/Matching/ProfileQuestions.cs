using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>Sends a cohort's profile questions to one person, once (the outbox key), in their personal chat.</summary>
public sealed class ProfileQuestions
{
    private readonly ProactiveMessenger _messenger;

    public ProfileQuestions(ProactiveMessenger messenger)
    {
        _messenger = messenger;
    }

    public Task<Delivery> AskAsync(MentorshipProgram program, Cohort cohort, RosterEntry person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(person);
        var card = ProfileQuestionsCard.Create(program.ProgramId, program.Name, cohort.CohortId, cohort.Name, person.Role);
        return _messenger.SendToPersonAsync(program.TenantId, person.PersonId, $"match/profile/{program.ProgramId}/{cohort.CohortId}",
            CardJson.ToMessage(card), program.Channel.ServiceUrl, cancellationToken);
    }
}
