using System.Text.Json;
using System.Text.RegularExpressions;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;
using MentorBot.Features.Registration;

namespace MentorBot.Features.DataRights;

/// <summary>
/// "erase @person" or "erase &lt;upn&gt;" in a coordinators channel (coordinators only): shows what would be removed and
/// asks for confirmation; <see cref="EraseActions"/> does the erasing.
/// </summary>
public sealed partial class EraseCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly MentionResolver _mentions;
    private readonly ErasablePeople _people;
    private readonly PersonScopes _scopes;
    private readonly PersonEraser _eraser;

    public EraseCommand(ProgramStore programs, MentionResolver mentions, ErasablePeople people, PersonScopes scopes, PersonEraser eraser)
    {
        _programs = programs;
        _mentions = mentions;
        _people = people;
        _scopes = scopes;
        _eraser = eraser;
    }

    public CommandInfo Info { get; } = new("erase", "Removes everything stored about a person, after you confirm (coordinators only).",
        CommandScopes.Channel, "erase @person | erase <upn>") { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var program = ProgramSubject.ProgramOf(turn);
        if (turn.TenantId is not { Length: > 0 } tenantId)
        {
            return;
        }

        var reference = Reference(turn, arguments);
        if (reference is null)
        {
            turn.Reply("Whom should I erase? Type \"erase @person\" or \"erase name@contoso.com\".");
            return;
        }

        var (id, problem) = await _mentions.ResolveAsync(turn, reference, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            turn.Reply($"I can't erase {reference.Display}: {problem}.");
            return;
        }

        // A real person of this tenant (the directory, or a party of this program's pairs), never the typed text itself.
        var (person, why) = await _people.FindAsync(tenantId, program.ProgramId, id, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            turn.Reply($"I can't erase {reference.Display}: {why}. Nothing was erased.");
            return;
        }

        var scope = await _scopes.ForAsync(tenantId, person, cancellationToken).ConfigureAwait(false);
        var counts = await _eraser.CountAsync(scope, cancellationToken).ConfigureAwait(false);
        turn.Reply(DataRightsCards.ConfirmErase(ProgramSubject.ProgramOf(turn).ProgramId, Guid.NewGuid().ToString("N"), person.Id, person.Name, counts));
    }

    /// <summary>The first user @mentioned (not the bot), or the typed address.</summary>
    private static PersonReference? Reference(Turn turn, string arguments)
    {
        foreach (var entity in turn.Activity.Entities ?? [])
        {
            if (entity.ValueKind == JsonValueKind.Object
                && Text(entity, "type") == "mention"
                && entity.TryGetProperty("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object
                && Text(mentioned, "id") is { Length: > 0 } teamsId
                && !turn.Activity.IsBot(teamsId))
            {
                var user = new MentionedUser(teamsId, Text(mentioned, "name") ?? teamsId, Text(mentioned, "aadObjectId") ?? Text(mentioned, "objectId"));
                return new PersonReference(null, user);
            }
        }

        var typed = MentionMarkup().Replace(arguments, " ").Trim();
        return typed.Length == 0 || typed.Contains(' ', StringComparison.Ordinal) ? null : new PersonReference(typed, null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase)]
    private static partial Regex MentionMarkup();
}
