using MentorBot.Cards;

namespace MentorBot.Features.Expectations;

/// <summary>
/// Sent to both once both confirmed. The first time, the pair enters its initial phase, and the card says plainly
/// that not knowing yet how it will go is normal there.
/// </summary>
public static class AgreementConfirmedCard
{
    public static AdaptiveCard Create(ExpectationsAgreement agreement, bool firstAgreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var body = new List<CardElement>
        {
            TextBlock.Heading(firstAgreement ? "You've both confirmed your agreement" : $"You've both confirmed version {agreement.Version} of your agreement"),
        };
        if (firstAgreement)
        {
            body.Add(new TextBlock("Now comes the getting-to-know-each-other phase, and ambiguity is normal here. It's fine not to know yet exactly "
                + "what to talk about first, how formal to be, or how this will go. Your first meetings are for building trust; your agreement is a "
                + "starting point, not a contract."));
            body.Add(new TextBlock("If something in it stops fitting, that's not a failure: change it together."));
        }
        else
        {
            body.Add(new TextBlock("Your revised expectations are now what you've agreed. Checking in on them as your needs change is exactly how it should work."));
        }

        body.Add(TextBlock.Subtle("Type \"agreement\" to see it at any time, or \"revise\" to change your answers."));
        return new AdaptiveCard
        {
            Body = body,
            FallbackText = firstAgreement ? "You've both confirmed your agreement. Ambiguity is normal in this first phase." : "You've both confirmed your revised agreement.",
        };
    }
}
