using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// What follows a check-in answer, after the person who answered has their card back: the partner hears of it (only
/// that it was answered, when private), and the coordinators are alerted as <see cref="CheckInEscalation"/> decides.
/// The job names the answer; the answer itself is read from storage, unless the job runs right after the turn that
/// read it. Both steps send nothing twice (their keys).
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
    /// <param name="read">What the answering turn read, used by the run right after its answer (<see cref="Job.Loaded"/>).</param>
    public static Job For(TurnRead read, CheckInAnswer answer, bool notifyPartner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(answer);
        var data = PairJobs.Data(read.Pair);
        data["meeting"] = answer.MeetingKey;
        data["role"] = answer.Role;
        data["notifyPartner"] = notifyPartner ? "true" : "false";
        return new Job(JobKind, $"{read.Pair.TenantId}/{read.Pair.PairId}/{answer.MeetingKey}/{answer.Role}", now) { Data = data, Loaded = read };
    }

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if ((job.Loaded as TurnRead ?? await LoadAsync(job, cancellationToken).ConfigureAwait(false)) is not { } read
            || read.Answers.FirstOrDefault(a => a.MeetingKey == job.Get("meeting") && a.Role == job.Get("role")) is not { } answer)
        {
            return;
        }

        if (job.Get("notifyPartner") == "true")
        {
            await _partner.SendAsync(read.Pair, read.Program, answer, read.Meeting.Start, cancellationToken).ConfigureAwait(false);
        }

        await _escalation.RaiseAsync(read.Pair, read.Program, answer, read.Answers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>For a run from storage: the open pair, its program, the meeting and the pair's answers, or null.</summary>
    private async Task<TurnRead?> LoadAsync(Job job, CancellationToken cancellationToken)
    {
        if (await PairJobs.LoadOpenAsync(job, _pairs, _programs, cancellationToken).ConfigureAwait(false) is not { Pair: var pair, Program: var program }
            || job.Get("meeting") is not { } meetingKey
            || await _meetings.GetAsync(pair.TenantId, pair.PairId, meetingKey, cancellationToken).ConfigureAwait(false) is not { } meeting)
        {
            return null;
        }

        return new TurnRead(pair, program, meeting, await _answers.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The open pair, its program, the meeting answered and the pair's answers with this one.</summary>
    public sealed record TurnRead(Pair Pair, MentorshipProgram Program, Meeting Meeting, IReadOnlyList<CheckInAnswer> Answers);
}
