using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>"suggest @mentee" in a coordinators channel: up to three mentors for them, with reasons (coordinators only).</summary>
public sealed class SuggestCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly NamedPeople _named;
    private readonly MatchEligibility _eligibility;
    private readonly MatchSuggestions _suggestions;

    public SuggestCommand(ProgramStore programs, NamedPeople named, MatchEligibility eligibility, MatchSuggestions suggestions)
    {
        _programs = programs;
        _named = named;
        _eligibility = eligibility;
        _suggestions = suggestions;
    }

    public CommandInfo Info { get; } = new("suggest", "Suggests up to three mentors for a mentee, with the reasons (coordinators only).",
        CommandScopes.Channel, "suggest @mentee") { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var program = ProgramSubject.ProgramOf(turn);

        var (people, problem) = await _named.FindAsync(turn, (arguments ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries), cancellationToken)
            .ConfigureAwait(false);
        if (problem is not null || people.Count != 1)
        {
            turn.Reply(problem is null ? "Name one mentee: \"suggest @Max\" or \"suggest max@contoso.com\"." : $"No suggestions: {problem}.");
            return;
        }

        var mentee = people[0];
        if (await _eligibility.OpenPairOfMenteeAsync(program, mentee.Id, cancellationToken).ConfigureAwait(false) is { } open)
        {
            turn.Reply($"{mentee.Name} already has a mentor in {program.Name}: {open.Mentor.Name}.");
            return;
        }

        var suggestions = await _suggestions.ForMenteeAsync(program, mentee.Id, mentee.Name, cancellationToken).ConfigureAwait(false);
        turn.Reply(SuggestionsCard.Create(program, mentee.Id, mentee.Name, "As you asked.", suggestions));
    }
}
