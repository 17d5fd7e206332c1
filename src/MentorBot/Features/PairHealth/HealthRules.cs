using MentorBot.Features.Cadence;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.PairHealth;

/// <summary>
/// How a pair is doing, from what the bot knows: the expectations stage, the latest check-ins of each party, requests
/// not followed through, and the rhythm of meetings against the agreement. The worst signal decides, and its reason is given.
/// </summary>
public static class HealthRules
{
    private static readonly TimeSpan EarlyPeriod = TimeSpan.FromDays(21);

    public static HealthAssessment Assess(
        Pair pair, DateTimeOffset now, int expectationsOverdueDays, IReadOnlyList<CheckInAnswer> checkIns, CadenceStatus? cadence, int cadenceAlertIntervals)
    {
        var started = new DateTimeOffset(pair.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var signals = new List<HealthAssessment>();

        if (pair.Stage is PairStage.Created or PairStage.Expectations)
        {
            signals.Add(now - started >= TimeSpan.FromDays(expectationsOverdueDays)
                ? new HealthAssessment(HealthLevel.AtRisk, $"expectations not agreed after {(int)(now - started).TotalDays} days")
                : new HealthAssessment(HealthLevel.TooEarlyToTell, "setting expectations"));
        }

        // Each party's two latest check-ins speak for how it is going now.
        var recent = checkIns.GroupBy(c => c.Role).SelectMany(g => g.OrderByDescending(c => c.AnsweredAt).Take(2)).ToList();
        if (recent.Any(c => c.SaysNotWorking))
        {
            signals.Add(new HealthAssessment(HealthLevel.AtRisk, "a recent check-in said \"not working\""));
        }
        else if (recent.Any(c => c.WantsCoordinatorHelp))
        {
            signals.Add(new HealthAssessment(HealthLevel.AtRisk, "a party asked for the coordinator's help"));
        }
        else if (recent.Any(c => c.SaysCouldBeBetter))
        {
            signals.Add(new HealthAssessment(HealthLevel.NeedsAttention, "a recent check-in said \"could be better\""));
        }

        // A request asked about at two meetings since and still not done: adjusting is not happening.
        foreach (var person in new[] { pair.Mentor, pair.Mentee })
        {
            if (OpenRequests.Of(person.Id, checkIns).FirstOrDefault(r => r.IsStuck) is { } stuck)
            {
                signals.Add(new HealthAssessment(HealthLevel.NeedsAttention, stuck.KeptPrivate
                    ? $"a request from {person.Name} still open after two meetings"
                    : $"{person.Name}'s request \"{stuck.Text}\" still open after two meetings"));
            }
        }

        if (cadence is not null)
        {
            var days = (int)Math.Round(cadence.SinceLastMeeting.TotalDays);
            var agreed = (int)Math.Round(cadence.Interval.TotalDays);
            if (cadence.NeedsCoordinator(cadenceAlertIntervals))
            {
                signals.Add(new HealthAssessment(HealthLevel.AtRisk, $"no meeting for {days} days (agreed every {agreed})"));
            }
            else if (cadence.IsDrifting)
            {
                signals.Add(new HealthAssessment(HealthLevel.NeedsAttention, $"{days} days since the last meeting (agreed every {agreed})"));
            }
        }

        if (signals.Count == 0)
        {
            return checkIns.Count == 0 && now - started < EarlyPeriod
                ? new HealthAssessment(HealthLevel.TooEarlyToTell, "no check-ins yet")
                : new HealthAssessment(HealthLevel.OnTrack, checkIns.Count == 0 ? "meeting as agreed" : "check-ins and meetings as agreed");
        }

        return signals.OrderBy(s => s.Level).First();
    }
}
