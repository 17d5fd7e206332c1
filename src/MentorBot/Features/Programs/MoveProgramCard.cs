using System.Text.Json.Nodes;
using MentorBot.Cards;

namespace MentorBot.Features.Programs;

/// <summary>Asks a program's own coordinators to confirm moving its alerts into the channel where "setup" was typed.</summary>
public static class MoveProgramCard
{
    public const string MoveVerb = "program.move";

    public static AdaptiveCard Create(MentorshipProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var from = program.Channel.Name is { Length: > 0 } name ? $"the channel \"{name}\"" : "another channel";
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"\"{program.Name}\" is already set up"),
                new TextBlock($"Its alerts go to {from}. Nothing has changed. Only a coordinator of \"{program.Name}\" can move its alerts " +
                    "to this channel; everyone in the channel where alerts go can see them."),
            ],
            Actions =
            [
                new ExecuteAction("Move its alerts here", MoveVerb, new JsonObject { ["program"] = program.ProgramId }),
            ],
            FallbackText = $"\"{program.Name}\" is already set up in another channel.",
        };
    }
}
