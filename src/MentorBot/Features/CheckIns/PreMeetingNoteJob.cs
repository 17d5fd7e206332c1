using System.Security.Cryptography;
using System.Text;
using System.Globalization;
using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Expectations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// The note before a pair's next meeting. Discovery schedules one job per meeting and start time; when it runs it
/// schedules one job per party at that party's moment (<see cref="PreMeetingNoteTime"/>), and that job sends the note.
/// Every run re-reads the meeting, so a cancelled meeting gets nothing and a moved one is left to the job of its new
/// start. The outbox key (pair, meeting, party) is the stored marker: a duplicate run or a restart sends nothing twice.
/// </summary>
public sealed class PreMeetingNoteJob : IJobHandler
{
    public const string NoteKind = "premeeting.note";
    private const string RoleData = "role";

    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly MeetingStore _meetings;
    private readonly CheckInStore _answers;
    private readonly AgreementStore _agreements;
    private readonly JobStore _jobs;
    private readonly ConversationReferenceStore _references;
    private readonly ProactiveMessenger _messenger;
    private readonly PreMeetingNoteOptions _options;
    private readonly TimeProvider _time;

    public PreMeetingNoteJob(PairStore pairs, ProgramStore programs, MeetingStore meetings, CheckInStore answers, AgreementStore agreements, JobStore jobs,
        ConversationReferenceStore references, ProactiveMessenger messenger, IConfiguration configuration, TimeProvider time)
    {
        _pairs = pairs;
        _programs = programs;
        _meetings = meetings;
        _answers = answers;
        _agreements = agreements;
        _jobs = jobs;
        _references = references;
        _messenger = messenger;
        _options = configuration.GetSection(PreMeetingNoteOptions.Section).Get<PreMeetingNoteOptions>() ?? new PreMeetingNoteOptions();
        _time = time;
    }

    public string Kind => NoteKind;

    /// <summary>For discovery: the job that plans the notes of a meeting still to come (null when it has started).</summary>
    public static Job? For(Meeting meeting, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (meeting.Start <= now)
        {
            return null;
        }

        // Two days ahead covers "the evening before" in any zone; a meeting found later is planned at once.
        var plan = meeting.Start.AddDays(-2) > now ? meeting.Start.AddDays(-2) : now;
        return MeetingJobs.CheckIn(meeting, plan) with
        {
            Kind = NoteKind,
            Key = $"{meeting.PairId}/{meeting.MeetingKey}/{meeting.Start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
        };
    }

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        if (!_options.Enabled || await PairJobs.LoadOpenAsync(job, _pairs, _programs, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return;
        }

        var pair = entry.Pair;
        var meeting = await _meetings.GetAsync(pair.TenantId, pair.PairId, job.Get(MeetingJobs.MeetingData)!, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (!StillAsPlanned(job, meeting) || meeting!.Start <= now)
        {
            return;
        }

        if (job.Get(RoleData) is not { } roleName || !Enum.TryParse<PairRole>(roleName, out var role))
        {
            foreach (var party in new[] { PairRole.Mentor, PairRole.Mentee })
            {
                var zone = (await _references.FindUserAsync(pair.Party(party).Id, cancellationToken).ConfigureAwait(false))?.TimeZone;
                var sendAt = PreMeetingNoteTime.For(meeting.Start, zone, entry.Program.Settings, _options);
                var data = new Dictionary<string, string>(job.Data) { [RoleData] = party.ToString() };
                await _jobs.ScheduleAsync(job with { Key = $"{job.Key}/{party}", DueAt = sendAt > now ? sendAt : now, Data = data, Attempts = 0 }, cancellationToken)
                    .ConfigureAwait(false);
            }

            return;
        }

        await SendAsync(pair, entry.Program, meeting, role, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(Pair pair, MentorshipProgram program, Meeting meeting, PairRole role, CancellationToken cancellationToken)
    {
        var answers = await _answers.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false);
        var shared = new Dictionary<PairRole, IReadOnlyList<OpenRequest>>
        {
            [PairRole.Mentor] = OpenRequests.Of(pair.Mentor.Id, answers).Where(r => !r.KeptPrivate).ToList(),
            [PairRole.Mentee] = OpenRequests.Of(pair.Mentee.Id, answers).Where(r => !r.KeptPrivate).ToList(),
        };
        var agreement = await _agreements.LatestConfirmedAsync(PairKey.Of(pair), cancellationToken).ConfigureAwait(false);
        var focus = agreement?.Mentee.Goals is { Length: > 0 } goals ? goals : null;
        if (focus is null && shared.Values.All(r => r.Count == 0))
        {
            // Nothing new to bring to the meeting: a note would be noise.
            return;
        }

        var questions = PreMeetingNoteCard.OpeningQuestions;
        // Chosen by the meeting, the same in every process (string hash codes differ per process), so a note sent again
        // after a crash asks the same question.
        var question = questions[(int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(meeting.MeetingKey))) % (uint)questions.Count)];
        var card = PreMeetingNoteCard.Create(pair, role, CheckInSender.When(meeting.Start), focus, shared, question);
        await _messenger.SendToPersonAsync(pair.TenantId, pair.Party(role).Id, $"premeeting/{pair.PairId}/{meeting.MeetingKey}/{role.ToString().ToLowerInvariant()}",
            CardJson.ToMessage(card), program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The meeting still takes place and still starts when the job was planned for (a moved meeting has a job of its own).</summary>
    private static bool StillAsPlanned(Job job, Meeting? meeting) =>
        meeting is { Counts: true }
        && DateTimeOffset.TryParse(job.Get(MeetingJobs.StartData), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
        && start == meeting.Start;
}
