using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Registration;

namespace MentorBot.Features.Programs;

/// <summary>
/// "coordinators", "coordinators add @person", "coordinators remove @person" in a program's channel: who coordinates
/// this program. Its coordinators (and program administrators, so a program never ends up with nobody) may change it.
/// </summary>
public sealed class CoordinatorsCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly MentionResolver _mentions;

    public CoordinatorsCommand(ProgramStore programs, MentionResolver mentions)
    {
        _programs = programs;
        _mentions = mentions;
    }

    public CommandInfo Info { get; } = new("coordinators", "Lists, adds or removes this program's coordinators (coordinators only).",
        CommandScopes.Channel, "coordinators [add @person | remove @person]") { Audience = Audience.ProgramCoordinatorOrAdministrator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(arguments);
        var program = ProgramSubject.ProgramOf(turn);
        var verb = arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant();
        if (verb is null)
        {
            turn.Reply($"Coordinators of \"{program.Name}\": {Names(program)}.");
            return;
        }

        var mentioned = RegisterMessage.MentionedPeople(turn.Activity);
        if (verb is not ("add" or "remove") || mentioned.Count != 1)
        {
            turn.Reply($"Usage: {Info.Usage} (mention exactly one person). Nothing was changed.");
            return;
        }

        var person = mentioned[0];
        var (id, problem) = await _mentions.ResolveAsync(turn, new PersonReference(null, person), cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            turn.Reply($"I can't make @{person.Name} a coordinator: {problem}. Nothing was changed.");
            return;
        }

        var current = await _programs.GetAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false)
            ?? throw new ConcurrentUpdateException("The program disappeared while this request was handled.");
        var coordinators = current.Program.Coordinators.ToList();
        var existing = coordinators.FindIndex(c => string.Equals(c.UserId, id, StringComparison.OrdinalIgnoreCase));
        if (verb == "add")
        {
            if (existing >= 0)
            {
                turn.Reply($"{person.Name} already coordinates \"{program.Name}\". Nothing was changed.");
                return;
            }

            coordinators.Add(new ProgramCoordinator(id, person.TeamsId, person.Name));
        }
        else
        {
            if (existing < 0)
            {
                turn.Reply($"{person.Name} is not a coordinator of \"{program.Name}\". Nothing was changed.");
                return;
            }

            if (coordinators.Count == 1)
            {
                turn.Reply($"{person.Name} is the only coordinator of \"{program.Name}\"; add another one first. Nothing was changed.");
                return;
            }

            coordinators.RemoveAt(existing);
        }

        var updated = current.Program with { Coordinators = coordinators };
        await _programs.SaveAsync(updated, current.ETag, cancellationToken).ConfigureAwait(false);
        turn.Reply($"Coordinators of \"{program.Name}\" now: {Names(updated)}.");
    }

    private static string Names(MentorshipProgram program) =>
        program.Coordinators.Count == 0 ? "nobody yet" : string.Join(", ", program.Coordinators.Select(c => c.Name ?? c.UserId));
}
