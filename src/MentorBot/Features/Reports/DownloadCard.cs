using MentorBot.Cards;

namespace MentorBot.Features.Reports;

/// <summary>The link to a report's CSV: it works only for the coordinator who asked, after signing in, and briefly.</summary>
public static class DownloadCard
{
    public static AdaptiveCard Create(string fileName, Uri link, TimeSpan lifetime) => new()
    {
        Body =
        [
            TextBlock.Heading("Your report as CSV"),
            new TextBlock($"{fileName} is ready. The link works for the next {lifetime.TotalMinutes:0} minutes, and only for you: " +
                "you will be asked to sign in with your work account. Groups of fewer than 5 people are never shown on their own in it."),
        ],
        Actions = [new OpenUrlAction("Download CSV", link)],
        FallbackText = "Your report as CSV",
    };
}
