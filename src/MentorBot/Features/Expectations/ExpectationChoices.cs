using MentorBot.Cards;

namespace MentorBot.Features.Expectations;

/// <summary>
/// The fixed answers of the expectations questions. The values are what is stored (and compared); the titles
/// are what people read on cards and type back.
/// </summary>
public static class ExpectationChoices
{
    public const string Weekly = "weekly";
    public const string EveryTwoWeeks = "fortnightly";
    public const string Monthly = "monthly";
    public const string AsNeeded = "as-needed";

    public const string NoContact = "none";
    public const string QuickQuestions = "quick";
    public const string Anytime = "anytime";

    public const string Chat = "chat";
    public const string Video = "video";
    public const string InPerson = "in-person";
    public const string Email = "email";
    public const string Phone = "phone";

    public static IReadOnlyList<Choice> Frequencies { get; } =
    [
        new("Weekly", Weekly),
        new("Every two weeks", EveryTwoWeeks),
        new("Monthly", Monthly),
        new("As needed", AsNeeded),
    ];

    public static IReadOnlyList<Choice> BetweenMeetings { get; } =
    [
        new("None: our meetings are enough", NoContact),
        new("Quick questions by chat", QuickQuestions),
        new("Anytime", Anytime),
    ];

    public static IReadOnlyList<Choice> Modes { get; } =
    [
        new("Teams chat", Chat),
        new("Video call", Video),
        new("In person", InPerson),
        new("Email", Email),
        new("Phone", Phone),
    ];

    /// <summary>Ways of talking in which a meeting can actually happen (as opposed to written messages).</summary>
    public static IReadOnlySet<string> MeetingModes { get; } = new HashSet<string>(StringComparer.Ordinal) { Video, InPerson, Phone };

    /// <summary>How a frequency reads in a sentence: "weekly", "every two weeks", "monthly", "as needed".</summary>
    public static string FrequencyText(string value) => value switch
    {
        Weekly => "weekly",
        EveryTwoWeeks => "every two weeks",
        Monthly => "monthly",
        AsNeeded => "as needed",
        _ => value,
    };

    /// <summary>How contact between meetings reads in a sentence.</summary>
    public static string BetweenMeetingsText(string value) => value switch
    {
        NoContact => "no contact between meetings",
        QuickQuestions => "quick questions by chat",
        Anytime => "contact at any time",
        _ => value,
    };

    /// <summary>How a way of communicating reads in a sentence ("Teams chat", "video call", "in person").</summary>
    public static string ModeText(string value) => value switch
    {
        Chat => "Teams chat",
        Video => "video call",
        InPerson => "in person",
        Email => "email",
        Phone => "phone",
        _ => value,
    };

    /// <summary>"Teams chat, video call and email".</summary>
    public static string ModesText(IEnumerable<string> values)
    {
        var titles = values.Select(ModeText).ToList();
        return titles.Count switch
        {
            0 => "nothing",
            1 => titles[0],
            _ => string.Join(", ", titles.Take(titles.Count - 1)) + " and " + titles[^1],
        };
    }

    public static string Title(IReadOnlyList<Choice> choices, string value) => choices.FirstOrDefault(c => c.Value == value)?.Title ?? value;
}
