using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Cadence;

/// <summary>A gentle nudge when meetings have drifted from the agreed rhythm, with a link that opens a new meeting with the partner.</summary>
public static class CadenceNudgeCard
{
    public static AdaptiveCard Create(Pair pair, PairRole role, TimeSpan interval, TimeSpan since)
    {
        var partner = pair.PartnerOf(role);
        var address = partner.Upn ?? partner.Mail;
        var body = new List<CardElement>
        {
            TextBlock.Heading("Time for your next meeting?"),
            new TextBlock($"You agreed to meet about every {Days(interval)}, and it's been {Days(since)} since you last met with {partner.Name}. " +
                "Rhythms slip for good reasons; a short catch-up is often enough to get going again."),
        };
        var actions = new List<CardAction>();
        if (address is not null)
        {
            var link = "https://teams.microsoft.com/l/meeting/new?subject=" + Uri.EscapeDataString("Mentoring catch-up")
                + "&attendees=" + Uri.EscapeDataString(address);
            actions.Add(new OpenUrlAction($"Schedule with {partner.Name}", new Uri(link)));
        }

        return new AdaptiveCard { Body = body, Actions = actions.Count == 0 ? null : actions, FallbackText = "Time for your next meeting?" };
    }

    private static string Days(TimeSpan span) => span.TotalDays >= 1.5 ? $"{Math.Round(span.TotalDays)} days" : "a day";
}
