using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Graph;

namespace MentorBot.Features.Lifecycle;

/// <summary>
/// "Create the meeting for us" on the midpoint card: a coordinator gets a Teams meeting with both parties in their own
/// calendar, created through Graph where the tenant permits it; otherwise they are pointed to the link that opens one.
/// </summary>
public sealed class MidpointScheduleAction : ICardActionHandler
{
    private static readonly TimeSpan Length = TimeSpan.FromMinutes(30);

    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly TeamsMeetingScheduler _scheduler;
    private readonly TimeProvider _time;

    public MidpointScheduleAction(PairStore pairs, ProgramStore programs, TeamsMeetingScheduler scheduler, TimeProvider time)
    {
        _pairs = pairs;
        _programs = programs;
        _scheduler = scheduler;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [MidpointFacilitationCard.ScheduleVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {

        var program = ProgramSubject.ProgramOf(turn);
        if (ProgramSubject.PairIfAny(turn) is not { } entry || entry.Pair.IsClosed)
        {
            turn.Answer("This pairing is no longer open, so no meeting was created.");
            return;
        }

        var pair = entry.Pair;
        var start = TomorrowAtTen(program.Settings.TimeZone);
        var link = await _scheduler.TryCreateAsync(turn.UserId!, "Mentoring midpoint conversation", start, Length,
            [pair.Mentor, pair.Mentee], $"midpoint/{pair.PairId}/{start:yyyyMMdd}", cancellationToken).ConfigureAwait(false);
        turn.Answer(link is null
            ? "I may not create meetings in this tenant. Use \"Set up a facilitated conversation\" to open one with both of them."
            : $"A Teams meeting with {pair.Mentor.Name} and {pair.Mentee.Name} is in your calendar for {start:dddd d MMMM, HH:mm} UTC: {link}");
    }

    private DateTimeOffset TomorrowAtTen(string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), zone).Date.AddDays(1).AddHours(10);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
