using System.Globalization;

namespace MentorBot.Features.Programs;

/// <summary>What setup says about the coordinators channel's other readers, who see alerts without what was written.</summary>
public static class ChannelReadersNotice
{
    private const int NamesShown = 10;

    /// <summary>The notice, or null when Teams did not say who is in the channel (the program card's general words stand).</summary>
    public static string? For(MentorshipProgram program, IReadOnlyList<string>? others)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (others is null)
        {
            return null;
        }

        if (others.Count == 0)
        {
            return $"Only coordinators of \"{program.Name}\" are in this channel.";
        }

        var names = string.Join(", ", others.Take(NamesShown));
        var more = others.Count > NamesShown ? string.Create(CultureInfo.InvariantCulture, $" and {others.Count - NamesShown} more") : string.Empty;
        return $"Also in this channel, and not coordinators of \"{program.Name}\": {names}{more}. They see each alert, but not what "
            + "mentors and mentees wrote privately or who asked for a rematch. To make someone a coordinator: `coordinators add @name`.";
    }
}
