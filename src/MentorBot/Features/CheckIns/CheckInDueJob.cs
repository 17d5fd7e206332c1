using MentorBot.Conversations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// A pair meeting ended a little while ago: send its check-in, unless the meeting moved or was cancelled, the pair
/// has closed, or it is night for either of the pair (then it waits until the morning). Each person's night is in the
/// time zone of their Teams client, as last seen; the program's time zone stands in for someone not heard from yet.
/// </summary>
public sealed class CheckInDueJob : IJobHandler
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly MeetingStore _meetings;
    private readonly CheckInSender _sender;
    private readonly JobStore _jobs;
    private readonly ConversationReferenceStore _references;
    private readonly TimeProvider _time;

    public CheckInDueJob(
        PairStore pairs, ProgramStore programs, MeetingStore meetings, CheckInSender sender, JobStore jobs, ConversationReferenceStore references, TimeProvider time)
    {
        _references = references;
        _pairs = pairs;
        _programs = programs;
        _meetings = meetings;
        _sender = sender;
        _jobs = jobs;
        _time = time;
    }

    public string Kind => MeetingJobs.CheckInDueKind;

    /// <summary>
    /// The key of the check-in put off until <paramref name="sendAt"/>: the first key's, once, with the time it waits for.
    /// A check-in that wakes inside quiet hours again (the clock moved past the window) is put off under a new key of the
    /// same length, not under a key that grows with every night.
    /// </summary>
    public static string AfterQuietHoursKey(string key, DateTimeOffset sendAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = key.IndexOf(AfterQuietHours, StringComparison.Ordinal);
        var first = at < 0 ? key : key[..at];
        return first + AfterQuietHours + sendAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string AfterQuietHours = "/after-quiet-hours/";

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        if (await PairJobs.LoadOpenAsync(job, _pairs, _programs, cancellationToken).ConfigureAwait(false) is not { } pairEntry)
        {
            return;
        }

        var meeting = await _meetings.GetAsync(pairEntry.Pair.TenantId, pairEntry.Pair.PairId, job.Get(MeetingJobs.MeetingData)!, cancellationToken).ConfigureAwait(false);
        if (!MeetingJobs.IsCurrent(job, meeting))
        {
            return;
        }

        var program = pairEntry.Program;
        var now = _time.GetUtcNow();
        var pair = pairEntry.Pair;
        var timeZones = new List<string?>();
        foreach (var person in new[] { pair.Mentor.Id, pair.Mentee.Id })
        {
            timeZones.Add((await _references.FindUserAsync(person, cancellationToken).ConfigureAwait(false))?.TimeZone);
        }

        var sendAt = program.Settings.OutsideQuietHours(now, timeZones);
        if (sendAt > now)
        {
            await _jobs.ScheduleAsync(job with { Key = AfterQuietHoursKey(job.Key, sendAt), DueAt = sendAt, Attempts = 0 }, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _sender.SendAsync(pairEntry.Pair, program, meeting!.MeetingKey, meeting.Start, cancellationToken).ConfigureAwait(false);
    }
}
