using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>
/// "register" by a coordinator. In a coordinators channel: with @mentions (or typed UPNs / emails) it registers that
/// pair; alone it answers the people-picker form. In a personal chat: with a CSV file attached it imports the file;
/// alone it says how.
/// </summary>
public sealed class RegisterCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly CohortStore _cohorts;
    private readonly PairRegistration _registration;
    private readonly MentionResolver _mentions;
    private readonly PairImport _import;

    public RegisterCommand(ProgramStore programs, CohortStore cohorts, PairRegistration registration, MentionResolver mentions,
        PairImport import)
    {
        _programs = programs;
        _cohorts = cohorts;
        _registration = registration;
        _mentions = mentions;
        _import = import;
    }

    public CommandInfo Info { get; } = new(
        "register",
        "Registers mentor–mentee pairs (coordinators only): here with @mentions or a form; in a personal chat with a CSV file.",
        CommandScopes.Channel | CommandScopes.Personal,
        RegisterMessage.Usage) { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.IsPersonal)
        {
            if (_import.CanHandle(turn))
            {
                await _import.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                turn.Reply(PairImport.Instructions + " To register one pair, type \"register\" in your program's coordinators channel.");
            }

            return;
        }

        var program = ProgramSubject.ProgramOf(turn);

        if (arguments.Length == 0 && !RegisterMessage.MentionsSomeone(turn.Activity))
        {
            var cohorts = await _cohorts.ListAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false);
            turn.Reply(RegisterPairCard.Form(program, cohorts));
            return;
        }

        var (message, problem) = RegisterMessage.Parse(turn.Activity);
        if (message is null)
        {
            turn.Reply(problem!);
            return;
        }

        var ids = new List<string>(2);
        foreach (var person in message.People)
        {
            var (id, notFound) = await _mentions.ResolveAsync(turn, person, cancellationToken).ConfigureAwait(false);
            if (id is null)
            {
                turn.Reply(RegistrationMessages.Refused(notFound!));
                return;
            }

            ids.Add(id);
        }

        var result = await _registration.RegisterAsync(
            new RegistrationRequest(program, ids[0], ids[1], message.Cohort, message.Start, message.End, message.Focus, turn.UserId!), cancellationToken)
            .ConfigureAwait(false);
        turn.Reply(RegistrationMessages.Describe(result, program));
    }
}
