using MentorBot.Cards;
using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Lifecycle;

/// <summary>The pair's shared look back: what they set out to achieve (both success criteria) next to what they did.</summary>
public static class SharedClosureCard
{
    public static AdaptiveCard Create(Pair pair, ExpectationsAgreement? agreement, int meetingsHeld, RedesignAnswers? transitionPlan)
    {
        var body = new List<CardElement>
        {
            TextBlock.Heading("What you set out to do, and what you did"),
        };
        if (agreement is null)
        {
            body.Add(new TextBlock("You didn't confirm an expectations agreement, so there are no success criteria to compare with. Take a moment together to name what you achieved."));
        }
        else
        {
            body.Add(new TextBlock("How you said you would know it worked:") { Weight = "Bolder" });
            body.Add(new FactSet(
            [
                new Fact($"{pair.Mentor.Name} (mentor)", Or(agreement.Mentor.SuccessCriteria)),
                new Fact($"{pair.Mentee.Name} (mentee)", Or(agreement.Mentee.SuccessCriteria)),
            ]));
        }

        var achieved = new List<Fact>
        {
            new("Meetings held", meetingsHeld.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("From – to", $"{pair.Start:yyyy-MM-dd} – {(pair.ClosedAt is { } closed ? closed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : pair.PlannedEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}"),
        };
        if (agreement is not null)
        {
            achieved.Add(new Fact("Goals you started with", Or(agreement.Mentee.Goals)));
        }

        if (!string.IsNullOrWhiteSpace(pair.Focus))
        {
            achieved.Add(new Fact("Your focus in the working phase", pair.Focus));
        }

        if (transitionPlan?.Answers.GetValueOrDefault(RedesignCard.ConsolidateInput) is { Length: > 0 } consolidate)
        {
            achieved.Add(new Fact("What comes next", consolidate));
        }

        body.Add(new TextBlock("What you did together:") { Weight = "Bolder" });
        body.Add(new FactSet(achieved));
        if (agreement is not null)
        {
            body.Add(new TextBlock("Look at the two side by side: which criteria did you meet? Whatever the answer, what you learned counts.") { IsSubtle = true });
        }

        return new AdaptiveCard { Body = body, FallbackText = "What you set out to do, and what you did" };
    }

    private static string Or(string? text) => string.IsNullOrWhiteSpace(text) ? "(not given)" : text;
}
