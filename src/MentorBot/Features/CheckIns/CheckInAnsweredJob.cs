using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// What follows a check-in answer, after the person who answered has their card back: the partner hears of it (only
/// that it was answered, when private), and the coordinators are alerted as <see cref="CheckInEscalation"/> decides.
/// The job names the answer; the answer itself is read from storage. Both steps send nothing twice (their keys).
/// </summary>
public sealed class CheckInAnsweredJob : IJobHandler
{
    public const string JobKind = "checkin.answered";

    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly MeetingStore _meetings;
    private readonly CheckInStore _answers;
    private readonly CheckInPartnerNotice _partner;
    private readonly CheckInEscalation _escalation;

    public CheckInAnsweredJob(
        PairStore pairs, ProgramStore programs, MeetingStore meetings, CheckInStore answers, CheckInPartnerNotice partner, CheckInEscalation escalation)
    {
        _pairs = pairs;
        _programs = programs;
        _meetings = meetings;
        _answers = answers;
        _partner = partner;
        _escalation = escalation;
    }

    public string Kind => JobKind;

    /// <param name="notifyPartner">False for an answer given in the pair chat: the partner sees it there on the updated card.</param>
    public static Job For(Pair pair, CheckInAnswer answer, bool notifyPartner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(answer);
        var data = PairJobs.Data(pair);
        data["meeting"] = answer.MeetingKey;
        data["role"] = answer.Role;
        data["notifyPartner"] = notifyPartner ? "true" : "false";
        return new Job(JobKind, $"{pair.TenantId}/{pair.PairId}/{answer.MeetingKey}/{answer.Role}", now) { Data = data };
    }

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await PairJobs.LoadOpenAsync(job, _pairs, _programs, cancellationToken).ConfigureAwait(false) is not { Pair: var pair, Program: var program }
            || job.Get("meeting") is not { } meetingKey
            || await _meetings.GetAsync(pair.TenantId, pair.PairId, meetingKey, cancellationToken).ConfigureAwait(false) is not { } meeting)
        {
            return;
        }

        var all = await _answers.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false);
        if (all.FirstOrDefault(a => a.MeetingKey == meetingKey && a.Role == job.Get("role")) is not { } answer)
        {
            return;
        }

        if (job.Get("notifyPartner") == "true")
        {
            await _partner.SendAsync(pair, program, answer, meeting.Start, cancellationToken).ConfigureAwait(false);
        }

        await _escalation.RaiseAsync(pair, program, answer, all, cancellationToken).ConfigureAwait(false);
    }
}
