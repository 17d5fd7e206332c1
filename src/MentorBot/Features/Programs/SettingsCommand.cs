using MentorBot.Conversations;
using MentorBot.Conversations.Access;

namespace MentorBot.Features.Programs;

/// <summary>"settings" in a coordinators channel shows the program's settings; "settings &lt;name&gt; &lt;value&gt;" changes one.</summary>
public sealed class SettingsCommand : ICommand
{
    private readonly ProgramStore _programs;

    public SettingsCommand(ProgramStore programs)
    {
        _programs = programs;
    }

    public CommandInfo Info { get; } = new("settings", "Shows or changes this program's settings (coordinators only).",
        CommandScopes.Channel, "settings [<name> <value>]") { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var program = ProgramSubject.ProgramOf(turn);

        var parts = arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            turn.Reply(ProgramCard.Create(program, "Program settings"));
            return;
        }

        if (parts.Length == 1)
        {
            turn.Reply($"Give a value too, e.g. \"settings {parts[0]} 4\". Settings: {string.Join(", ", ProgramSettings.Names)}.");
            return;
        }

        var (changed, problem) = program.Settings.With(parts[0], parts[1]);
        if (problem is not null)
        {
            turn.Reply(problem + " Nothing was changed.");
            return;
        }

        var current = await _programs.GetAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false);
        var updated = current!.Value.Program with { Settings = changed };
        await _programs.SaveAsync(updated, current.Value.ETag, cancellationToken).ConfigureAwait(false);
        turn.Reply(ProgramCard.Create(updated, "Setting changed"));
    }
}
