using MentorBot.Features.Pairs;

namespace MentorBot.Features.Lifecycle;

/// <summary>The dates of a pair's phases, and which stage a pair should be in on a day. Rules only, no I/O.</summary>
public static class LifecyclePhases
{
    public static int PlannedDays(Pair pair) => Math.Max(1, pair.PlannedEnd.DayNumber - pair.Start.DayNumber);

    public static DateOnly Midpoint(Pair pair) => pair.Start.AddDays(PlannedDays(pair) / 2);

    public static DateOnly WorkingBy(Pair pair, LifecycleSettings settings) => pair.Start.AddDays(7 * settings.WeeksToWorking);

    public static DateOnly TransitionStart(Pair pair, LifecycleSettings settings) =>
        pair.PlannedEnd.AddDays(-(int)Math.Round(PlannedDays(pair) * settings.TransitionShare));

    /// <summary>
    /// The stage the pair should be in; never earlier than its current one, and never Closed (closing is the
    /// parties' decision, asked at the planned end). Pairs before Initial are left alone.
    /// </summary>
    public static PairStage Due(Pair pair, DateOnly today, int meetingsHeld, LifecycleSettings settings)
    {
        if (pair.Stage is PairStage.Created or PairStage.Expectations or PairStage.Closed)
        {
            return pair.Stage;
        }

        var due = PairStage.Initial;
        if (meetingsHeld >= settings.MeetingsToWorking || today >= WorkingBy(pair, settings))
        {
            due = PairStage.Working;
        }

        if (today >= TransitionStart(pair, settings))
        {
            due = PairStage.Transition;
        }

        return due > pair.Stage ? due : pair.Stage;
    }
}
