using System.Globalization;
using System.Text;
using System.Text.Json;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Registration;

/// <summary>Someone named in a "register" message: @mentioned (a Teams id to resolve) or typed (a UPN or email).</summary>
public sealed record PersonReference(string? Typed, MentionedUser? Mention)
{
    public string Display => Mention is { } m ? "@" + m.Name : Typed ?? string.Empty;
}

/// <summary>A user @mentioned in a message: <c>mentioned.id</c> is the Teams id (29:…); the Entra id is there only sometimes.</summary>
public sealed record MentionedUser(string TeamsId, string Name, string? EntraObjectId);

/// <summary>
/// "register @Mentor @Mentee [cohort &lt;name&gt;] [start yyyy-mm-dd] [end yyyy-mm-dd] [focus &lt;text&gt;]", read from the
/// activity: the people in the order they appear (mentor first), @mentions from the activity's entities with the bot's
/// own mention left out, typed UPNs or emails accepted too. "focus" takes the rest of the line, so it comes last.
/// </summary>
public sealed partial record RegisterMessage(IReadOnlyList<PersonReference> People, string? Cohort, DateOnly? Start, DateOnly? End, string? Focus)
{
    public const string Usage = "register @Mentor @Mentee [cohort <name>] [start yyyy-mm-dd] [end yyyy-mm-dd] [focus <text>]";

    // A private-use character cannot be typed by accident, so it marks where a mention stood.
    private const char Placeholder = '\uE000';

    private static readonly string[] Keywords = ["cohort", "start", "end", "focus"];

    /// <summary>The users the message @mentions, the bot left out, in order.</summary>
    public static IReadOnlyList<MentionedUser> MentionedUsers(Activity activity) => UserMentions(activity).Select(m => m.User).ToList();

    /// <summary>True when the message @mentions someone other than the bot.</summary>
    public static bool MentionsSomeone(Activity activity) => UserMentions(activity).Count > 0;

    public static (RegisterMessage? Message, string? Problem) Parse(Activity activity)
    {
        var mentions = UserMentions(activity);
        var text = new StringBuilder(activity.Text ?? string.Empty);
        foreach (var botMention in BotMentionTexts(activity))
        {
            ReplaceFirst(text, botMention, " ");
        }

        for (var i = 0; i < mentions.Count; i++)
        {
            if (!ReplaceFirst(text, mentions[i].Text, $" {Placeholder}{i} "))
            {
                text.Append(CultureInfo.InvariantCulture, $" {Placeholder}{i}");
            }
        }

        return ParseText(text.ToString(), mentions.Select(m => m.User).ToList());
    }

    /// <summary>Reads the text once the mentions are placeholders; the first word is the command itself.</summary>
    internal static (RegisterMessage? Message, string? Problem) ParseText(string text, IReadOnlyList<MentionedUser> mentions)
    {
        // Mentions the entities did not describe are left out, as the command router does.
        var words = OtherMention().Replace(text, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 0 && string.Equals(words[0], "register", StringComparison.OrdinalIgnoreCase))
        {
            words.RemoveAt(0);
        }

        var people = new List<PersonReference>();
        var at = 0;
        for (; at < words.Count && !IsKeyword(words[at]); at++)
        {
            people.Add(MentionIn(words[at], mentions) is { } mention
                ? new PersonReference(null, mention)
                : new PersonReference(words[at].Trim('<', '>', ',', ';'), null));
        }

        if (people.Count != 2)
        {
            return (null, $"Name the mentor and then the mentee: @mention them or type their email addresses, e.g. \"register @Mia @Max cohort Spring 2027\". Usage: {Usage}");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (at < words.Count)
        {
            var keyword = words[at].ToLowerInvariant();
            var end = keyword == "focus" ? words.Count : words.FindIndex(at + 1, IsKeyword) is var next and >= 0 ? next : words.Count;
            var value = string.Join(' ', words.Skip(at + 1).Take(end - at - 1).Select(w => MentionIn(w, mentions) is { } m ? "@" + m.Name : w));
            if (value.Length == 0)
            {
                return (null, $"Give a value after \"{keyword}\". Usage: {Usage}");
            }

            if (!values.TryAdd(keyword, value))
            {
                return (null, $"\"{keyword}\" is given twice. Usage: {Usage}");
            }

            at = end;
        }

        DateOnly? start = null;
        DateOnly? finish = null;
        foreach (var (name, set) in new (string, Action<DateOnly>)[] { ("start", d => start = d), ("end", d => finish = d) })
        {
            if (values.TryGetValue(name, out var dateText))
            {
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return (null, $"The {name} \"{dateText}\" is not a date written as yyyy-mm-dd.");
                }

                set(date);
            }
        }

        return (new RegisterMessage(people, values.GetValueOrDefault("cohort"), start, finish, values.GetValueOrDefault("focus")), null);
    }

    private static MentionedUser? MentionIn(string word, IReadOnlyList<MentionedUser> mentions) =>
        word[0] == Placeholder && int.TryParse(word.AsSpan(1), CultureInfo.InvariantCulture, out var index) && index >= 0 && index < mentions.Count
            ? mentions[index]
            : null;

    [System.Text.RegularExpressions.GeneratedRegex("<at>[^<]*</at>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OtherMention();

    private static bool IsKeyword(string word) => Keywords.Contains(word, StringComparer.OrdinalIgnoreCase);

    private static bool ReplaceFirst(StringBuilder text, string? value, string replacement)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var index = text.ToString().IndexOf(value, StringComparison.Ordinal);
        if (index < 0)
        {
            return false;
        }

        text.Remove(index, value.Length).Insert(index, replacement);
        return true;
    }

    /// <summary>The people (not the bot) a message @mentions, in order.</summary>
    public static IReadOnlyList<MentionedUser> MentionedPeople(Activity activity) => UserMentions(activity).Select(m => m.User).ToList();

    private static List<(MentionedUser User, string? Text)> UserMentions(Activity activity) =>
        Mentions(activity).Where(m => !activity.IsBot(m.Id))
            .Select(m => (new MentionedUser(m.Id, m.Name ?? m.Id, m.EntraObjectId), m.Text))
            .ToList();

    private static IEnumerable<string?> BotMentionTexts(Activity activity) =>
        Mentions(activity).Where(m => activity.IsBot(m.Id)).Select(m => m.Text);

    private static IEnumerable<(string Id, string? Name, string? EntraObjectId, string? Text)> Mentions(Activity activity)
    {
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.ValueKind == JsonValueKind.Object
                && entity.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "mention"
                && entity.TryGetProperty("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object
                && String(mentioned, "id") is { Length: > 0 } id)
            {
                yield return (id, String(mentioned, "name"), String(mentioned, "aadObjectId") ?? String(mentioned, "objectId"), String(entity, "text"));
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
