using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Graph;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace MentorBot.Features.MentorCohorts;

/// <summary>
/// A cohort's month: the peer-cohort reminder and the digest of last month's shared answers in the cohort channel,
/// and an accountability card to each mentor of an open pair. Every send has a key naming the month, so a retried or
/// re-run job (another instance, a restart) never sends twice. Then next month's job is scheduled.
/// </summary>
public sealed class MonthlyCycleJob : IJobHandler
{
    public const string JobKind = "mentor-cohort.month";

    private readonly CohortChannelStore _channels;
    private readonly PairStore _pairs;
    private readonly AccountabilityStore _answers;
    private readonly ProactiveMessenger _messenger;
    private readonly JobStore _jobs;
    private readonly MentorCohortSettings _settings;
    private readonly TeamsMeetingScheduler _meetings;
    private readonly SendLedger _ledger;

    public MonthlyCycleJob(CohortChannelStore channels, PairStore pairs, AccountabilityStore answers, ProactiveMessenger messenger, JobStore jobs,
        IOptions<MentorCohortSettings> settings, TeamsMeetingScheduler meetings, SendLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _meetings = meetings;
        _ledger = ledger;
        _channels = channels;
        _pairs = pairs;
        _answers = answers;
        _messenger = messenger;
        _jobs = jobs;
        _settings = settings.Value;
    }

    public string Kind => JobKind;

    public static Job For(string tenantId, string programId, string cohortId, DateTimeOffset dueAt) =>
        new(JobKind, $"{tenantId}/{programId}/{cohortId}/{CohortMonth.Key(dueAt)}", dueAt)
        {
            Data = new Dictionary<string, string> { ["tenant"] = tenantId, ["program"] = programId, ["cohort"] = cohortId },
        };

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var (tenant, program, cohortId) = (job.Get("tenant")!, job.Get("program")!, job.Get("cohort")!);
        var channel = await _channels.GetAsync(tenant, program, cohortId, cancellationToken).ConfigureAwait(false);
        var pairs = (await _pairs.InProgramAsync(tenant, program, cancellationToken).ConfigureAwait(false)).Where(p => p.CohortId == cohortId).ToList();
        if (channel is null || (pairs.Count > 0 && pairs.All(p => p.IsClosed)))
        {
            return; // The cohort has no channel any more, or all its pairs have ended: the cycle stops.
        }

        var month = CohortMonth.Key(job.DueAt);
        var where = new ConversationReference(channel.ServiceUrl, channel.ChannelId, tenant, ConversationTypes.Channel, null);
        var mentors = pairs.Where(p => !p.IsClosed).Select(p => p.Mentor.Upn ?? p.Mentor.Mail).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var invited = pairs.Where(p => !p.IsClosed).Select(p => p.Mentor).DistinctBy(m => m.Id, StringComparer.OrdinalIgnoreCase).ToList();
        var meeting = await MeetingForMonthAsync(channel, month, job.DueAt, invited, cancellationToken).ConfigureAwait(false);
        await _messenger.SendToConversationAsync(tenant, where, $"mentor-cohort/{cohortId}/{month}/reminder",
            CardJson.ToMessage(PeerReminderCard.Create(channel.CohortName, month, meeting)), cancellationToken).ConfigureAwait(false);

        var previous = CohortMonth.Previous(job.DueAt);
        var shared = CohortDigest.Shared(await _answers.InProgramAsync(tenant, program, cancellationToken).ConfigureAwait(false), cohortId, previous);
        var cohortMentors = pairs.Where(p => !p.IsClosed).Select(p => p.Mentor.Id.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count();
        // Too few sharing, or too small a cohort: any quote would point at one mentor, so no digest this month.
        if (CohortDigest.MayPost(shared, cohortMentors, _settings.DigestMinimumSharers))
        {
            await _messenger.SendToConversationAsync(tenant, where, $"mentor-cohort/{cohortId}/{previous}/digest",
                CardJson.ToMessage(CohortDigestCard.Create(channel.CohortName, previous, shared)), cancellationToken).ConfigureAwait(false);
        }

        foreach (var pair in pairs.Where(p => !p.IsClosed))
        {
            await _messenger.SendToPersonAsync(tenant, pair.Mentor.Id, $"accountability/{pair.PairId}/{month}",
                CardJson.ToMessage(AccountabilityCard.Create(pair, month)), channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }

        await _jobs.ScheduleAsync(For(tenant, program, cohortId, CohortMonth.NextRun(job.DueAt, _settings)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A Teams meeting for all the cohort's mentors a week from now, organised by the coordinator who registered the
    /// channel, created through Graph where permitted. Reserved in the send ledger first, so a retried job never
    /// creates a second meeting (a crash in between leaves the month with the scheduling link instead).
    /// </summary>
    private async Task<Uri?> MeetingForMonthAsync(CohortChannel channel, string month, DateTimeOffset dueAt, List<Person> mentors, CancellationToken cancellationToken)
    {
        var meetingKey = $"{channel.TenantId}/{channel.ProgramId}/{channel.CohortId}/{month}";
        if (channel.RegisteredBy is not { } organizer || mentors.Count == 0
            || !await _ledger.TryReserveAsync("mentor-cohort-meeting", meetingKey, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return await _meetings.TryCreateAsync(organizer, $"Mentor peer cohort — {channel.CohortName}", dueAt.AddDays(7), TimeSpan.FromHours(1), mentors, "mentor-cohort/" + meetingKey, cancellationToken)
            .ConfigureAwait(false);
    }
}
