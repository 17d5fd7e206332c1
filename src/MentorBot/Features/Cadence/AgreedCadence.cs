using MentorBot.Features.Expectations;

namespace MentorBot.Features.Cadence;

/// <summary>
/// The meeting interval a pair agreed to. When the two answered differently, the less frequent one counts: it is
/// what both at least signed up for. "As needed" (or no confirmed agreement) means there is no cadence to watch.
/// </summary>
public static class AgreedCadence
{
    public static TimeSpan? IntervalOf(ExpectationsAgreement? agreement)
    {
        if (agreement is null || !agreement.IsConfirmed)
        {
            return null;
        }

        var mentor = Interval(agreement.Mentor.Frequency);
        var mentee = Interval(agreement.Mentee.Frequency);
        return mentor is null || mentee is null ? null : mentor > mentee ? mentor : mentee;
    }

    public static TimeSpan? Interval(string frequency) => frequency switch
    {
        ExpectationChoices.Weekly => TimeSpan.FromDays(7),
        ExpectationChoices.EveryTwoWeeks => TimeSpan.FromDays(14),
        ExpectationChoices.Monthly => TimeSpan.FromDays(30),
        _ => null,
    };
}
