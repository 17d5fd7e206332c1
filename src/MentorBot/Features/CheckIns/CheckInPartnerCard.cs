using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// What the partner hears of a check-in: a short, kind card with what was asked for and a button to reply in a chat
/// with them; for a private answer, only that it was answered.
/// </summary>
public static class CheckInPartnerCard
{
    public static AdaptiveCard Create(Pair pair, CheckInAnswer answer, string meetingWhen)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(answer);
        var author = pair.Party(pair.RoleOf(answer.PersonId)!.Value);
        var partner = pair.PartnerOf(pair.RoleOf(answer.PersonId)!.Value);
        if (answer.KeepPrivate)
        {
            return new AdaptiveCard
            {
                Body =
                [
                    TextBlock.Heading($"{author.Name} answered the check-in"),
                    new TextBlock($"After your meeting {meetingWhen}. {author.Name} kept the answers private."),
                ],
                FallbackText = $"{author.Name} answered the check-in",
            };
        }

        var lines = new List<CardElement> { TextBlock.Heading($"{author.Name}'s check-in after your meeting {meetingWhen}") };
        if (answer.Need?.Text is { } need)
        {
            lines.Add(new TextBlock($"{author.Name} would like: {need}"));
        }

        if (answer.Differently?.Text is { } differently)
        {
            lines.Add(new TextBlock($"Something {author.Name} thinks could help, {partner.Name}: {differently}"));
        }

        lines.Add(new TextBlock(answer.Structure switch
        {
            CheckInRating.WorkingWell => $"{author.Name} finds the way you meet is working well.",
            CheckInRating.CouldBeBetter => $"{author.Name} thinks the way you meet could be better.",
            _ => $"{author.Name} feels the way you meet is not working yet — worth talking about together.",
        }));
        if (answer.Note is { } note)
        {
            lines.Add(new TextBlock($"\"{note}\"") { IsSubtle = true });
        }

        lines.Add(new TextBlock("Nothing to do right now: it is a good thing to pick up at your next meeting.") { IsSubtle = true });
        return new AdaptiveCard
        {
            Body = lines,
            Actions = author.Upn is { } upn
                ? [new OpenUrlAction($"Reply to {author.Name}", new Uri($"https://teams.microsoft.com/l/chat/0/0?users={Uri.EscapeDataString(upn)}"))]
                : [],
            FallbackText = $"{author.Name}'s check-in after your meeting",
        };
    }
}
