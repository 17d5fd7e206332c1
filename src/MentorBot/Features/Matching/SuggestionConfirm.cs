using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Registration;

namespace MentorBot.Features.Matching;

/// <summary>
/// "Pair with …" on a suggestions card, by a coordinator: checks again, from storage, that the mentee still needs a
/// mentor and that the mentor still has room and may be matched with them, then registers the pair the usual way
/// (introduction and expectations follow). A second press, or a press on another suggestion, changes nothing.
/// </summary>
public sealed class SuggestionConfirm : ICardActionHandler
{
    private readonly ProgramStore _programs;
    private readonly MatchEligibility _eligibility;
    private readonly PairRegistration _registration;

    public SuggestionConfirm(ProgramStore programs, MatchEligibility eligibility, PairRegistration registration)
    {
        _programs = programs;
        _eligibility = eligibility;
        _registration = registration;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [SuggestionsCard.ConfirmVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {

        var program = ProgramSubject.ProgramOf(turn);
        if (program is null || action.Get("mentee") is not { Length: > 0 } menteeId || action.Get("mentor") is not { Length: > 0 } mentorId)
        {
            turn.Answer("I can't find that program or those people any more. Nothing was changed.");
            return;
        }

        if (await _eligibility.OpenPairOfMenteeAsync(program, menteeId, cancellationToken).ConfigureAwait(false) is { } open)
        {
            turn.Answer($"{open.Mentee.Name} already has a mentor in {program.Name}: {open.Mentor.Name}. Nothing was changed.");
            return;
        }

        var seat = (await _eligibility.MentorsWithRoomAsync(program, null, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(s => string.Equals(s.PersonId, mentorId, StringComparison.OrdinalIgnoreCase));
        if (seat is null)
        {
            turn.Answer("That mentor has no room left in the program now. Nothing was changed; type \"suggest\" with the mentee for fresh suggestions.");
            return;
        }

        var excluded = await _eligibility.ExcludedAsync(program.TenantId, menteeId, [mentorId], cancellationToken).ConfigureAwait(false);
        if (excluded.TryGetValue(mentorId, out var why))
        {
            turn.Answer($"{seat.Name} can't be matched with them ({why}). Nothing was changed.");
            return;
        }

        var result = await _registration.RegisterAsync(
            new RegistrationRequest(program, mentorId, menteeId, null, null, null, null, turn.UserId!), cancellationToken).ConfigureAwait(false);
        if (result.Pair is not { } pair || !result.Created)
        {
            turn.Answer(RegistrationMessages.Describe(result, program));
            return;
        }

        CardReplies.ReplaceOrReply(turn, RegisterPairCard.Registered(pair, program, null));
    }
}
