namespace MentorBot.Features.CheckIns;

/// <summary>A request a person made in a check-in that has not yet been followed up with "yes, it happened".</summary>
/// <param name="Misses">How many follow-ups since said "partly" or "no".</param>
public sealed record OpenRequest(RequestKind Kind, string MeetingKey, string Text, bool KeptPrivate, int Misses)
{
    /// <summary>Asked about at two meetings since, and still not done: the pair's health shows it.</summary>
    public bool IsStuck => Misses >= OpenRequests.StuckAfterMisses;
}

/// <summary>
/// Each person's open requests from their own check-ins: at most one of each kind, the newest (a new request of the
/// same kind replaces the older one). A follow-up "yes" closes it; "partly" and "no" count as misses. Requests migrated
/// from the old scale carry no words, so there is nothing to follow up.
/// </summary>
public static class OpenRequests
{
    public const int StuckAfterMisses = 2;

    public static IReadOnlyList<OpenRequest> Of(string personId, IEnumerable<CheckInAnswer> answers)
    {
        var open = new Dictionary<RequestKind, OpenRequest>();
        foreach (var answer in answers.Where(a => string.Equals(a.PersonId, personId, StringComparison.OrdinalIgnoreCase)).OrderBy(a => a.AnsweredAt))
        {
            foreach (var followUp in answer.FollowUps)
            {
                if (open.TryGetValue(followUp.Kind, out var request) && request.MeetingKey == followUp.RequestMeetingKey)
                {
                    if (followUp.Outcome == FollowUpOutcome.Yes)
                    {
                        open.Remove(followUp.Kind);
                    }
                    else
                    {
                        open[followUp.Kind] = request with { Misses = request.Misses + 1 };
                    }
                }
            }

            foreach (var (kind, request) in answer.Requests)
            {
                if (request.Text is { } text)
                {
                    open[kind] = new OpenRequest(kind, answer.MeetingKey, text, answer.KeepPrivate, 0);
                }
                else
                {
                    open.Remove(kind);
                }
            }
        }

        return open.Values.OrderBy(r => r.Kind).ToList();
    }
}
