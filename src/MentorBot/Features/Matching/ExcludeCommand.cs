using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>
/// "match exclude @A @B": when either person asked a coordinator not to be matched with the other, suggestions and
/// cohort matchings never pair them (coordinators only). Neither is told.
/// </summary>
public sealed class ExcludeCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly NamedPeople _named;
    private readonly MatchExclusionStore _exclusions;

    public ExcludeCommand(ProgramStore programs, NamedPeople named, MatchExclusionStore exclusions)
    {
        _programs = programs;
        _named = named;
        _exclusions = exclusions;
    }

    public CommandInfo Info { get; } = new("match exclude", "Never suggests matching these two people (coordinators only; neither is told).",
        CommandScopes.Channel, "match exclude @person @person") { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var program = ProgramSubject.ProgramOf(turn);

        var (people, problem) = await _named.FindAsync(turn, (arguments ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries), cancellationToken)
            .ConfigureAwait(false);
        if (problem is not null || people.Count != 2)
        {
            turn.Reply(problem is null ? "Name the two people: \"match exclude @A @B\"." : $"Nothing was recorded: {problem}.");
            return;
        }

        await _exclusions.ExcludeAsync(program.TenantId, people[0].Id, people[1].Id, turn.UserId!, cancellationToken).ConfigureAwait(false);
        turn.Reply($"{people[0].Name} and {people[1].Name} won't be suggested or matched together. Neither was told.");
    }
}
